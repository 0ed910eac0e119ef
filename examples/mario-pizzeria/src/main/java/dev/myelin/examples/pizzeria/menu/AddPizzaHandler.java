package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Adds a pizza; an id already on the menu is a conflict. Runs in the command's transaction. */
@Component
class AddPizzaHandler implements CommandHandler<AddPizza, OperationResult<MenuChangeDto>> {

    private final PizzaRepository pizzas;
    private final Clock clock;

    AddPizzaHandler(PizzaRepository pizzas, Clock clock) {
        this.pizzas = pizzas;
        this.clock = clock;
    }

    @Override
    public OperationResult<MenuChangeDto> handle(AddPizza command) {
        if (pizzas.get(command.pizzaId()).isPresent()) {
            return OperationResult.conflict("Pizza '" + command.pizzaId() + "' is already on the menu");
        }
        pizzas.add(Pizza.add(command.pizzaId(), command.details(), clock.instant()));
        return OperationResult.created(new MenuChangeDto(command.pizzaId(), "added"));
    }
}
