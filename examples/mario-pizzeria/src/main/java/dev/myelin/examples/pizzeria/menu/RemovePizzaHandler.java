package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Removes a pizza; an unknown pizza is 404. Runs in the command's transaction. */
@Component
class RemovePizzaHandler implements CommandHandler<RemovePizza, OperationResult<MenuChangeDto>> {

    private final PizzaRepository pizzas;
    private final Clock clock;

    RemovePizzaHandler(PizzaRepository pizzas, Clock clock) {
        this.pizzas = pizzas;
        this.clock = clock;
    }

    @Override
    public OperationResult<MenuChangeDto> handle(RemovePizza command) {
        Optional<Pizza> pizza = pizzas.get(command.pizzaId());
        if (pizza.isEmpty()) {
            return OperationResult.notFound("Pizza", command.pizzaId());
        }
        pizza.get().remove(clock.instant());
        pizzas.remove(pizza.get());
        return OperationResult.ok(new MenuChangeDto(command.pizzaId(), "removed"));
    }
}
