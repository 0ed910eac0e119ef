package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Changes a pizza; an unknown pizza is 404. Runs in the command's transaction. */
@Component
class ChangePizzaHandler implements CommandHandler<ChangePizza, OperationResult<MenuChangeDto>> {

    private final PizzaRepository pizzas;
    private final Clock clock;

    ChangePizzaHandler(PizzaRepository pizzas, Clock clock) {
        this.pizzas = pizzas;
        this.clock = clock;
    }

    @Override
    public OperationResult<MenuChangeDto> handle(ChangePizza command) {
        Optional<Pizza> pizza = pizzas.get(command.pizzaId());
        if (pizza.isEmpty()) {
            return OperationResult.notFound("Pizza", command.pizzaId());
        }
        pizza.get().change(command.details(), clock.instant());
        pizzas.update(pizza.get());
        return OperationResult.ok(new MenuChangeDto(command.pizzaId(), "changed"));
    }
}
