package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.spring.boot.startup.StartupTask;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the house menu on an empty database at startup, through the mediator (as a system manager),
 * so the seeded pizzas have their events like any other. Pizzas already there are left alone; a
 * concurrent instance seeding the same pizza gets a conflict, which is ignored.
 *
 * <p>A {@link StartupTask}: until it is done (and the projections have caught up with its events),
 * the application is not ready and answers 503 with {@code Retry-After}, never an order refused for a
 * menu not seeded yet.
 */
@Component
class MenuSeeder implements StartupTask {

    private static final Logger LOG = LoggerFactory.getLogger(MenuSeeder.class);

    private static final Principal SYSTEM = Principal.of("system", "manager");

    static final List<AddPizza> HOUSE_MENU = List.of(
            pizza("margherita", "Margherita", "Tomato, mozzarella, basil", "classic", "12.99", 15, false, true),
            pizza("marinara", "Marinara", "Tomato, garlic, oregano", "classic", "9.99", 12, false, true),
            pizza("pepperoni", "Pepperoni", "Tomato, mozzarella, spicy pepperoni", "classic", "14.99", 15, false, true),
            pizza("quattro_formaggi", "Quattro Formaggi", "Mozzarella, gorgonzola, fontina, parmesan", "vegetarian", "15.49",
                    16, false, true),
            pizza("funghi", "Funghi", "Tomato, mozzarella, mushrooms", "vegetarian", "13.49", 15, false, true),
            pizza("diavola", "Diavola", "Tomato, mozzarella, salame piccante, chili", "specialty", "14.49", 15, false, true),
            pizza("capricciosa", "Capricciosa", "Ham, mushrooms, artichokes, olives", "specialty", "15.99", 18, false, true),
            pizza("zucca_salvia", "Zucca e Salvia", "Pumpkin cream, sage, mozzarella", "specialty", "16.50", 18, true, true),
            pizza("tartufo", "Tartufo", "Black truffle, fior di latte", "specialty", "21.90", 20, true, false));

    private final Mediator mediator;

    MenuSeeder(Mediator mediator) {
        this.mediator = mediator;
    }

    @Override
    public void run() {
        try (RequestContext.Scope scope = RequestContext.builder().principal(SYSTEM).build().bind()) {
            OperationResult<MenuDto> menu = mediator.send(new GetMenu(null, true, true));
            if (menu.isSuccess() && !menu.data().pizzas().isEmpty()) {
                return;
            }
            int added = 0;
            for (AddPizza pizza : HOUSE_MENU) {
                OperationResult<MenuChangeDto> result = mediator.send(pizza);
                if (result.isSuccess()) {
                    added++;
                } else if (result.status() != 409) {
                    throw new IllegalStateException("Cannot seed pizza " + pizza.pizzaId() + ": " + result);
                }
            }
            LOG.info("Seeded the house menu: {} pizzas", added);
        }
    }

    private static AddPizza pizza(String id, String name, String description, String category, String price, int minutes,
            boolean seasonal, boolean available) {
        return new AddPizza(id, name, description, category, new BigDecimal(price), minutes, seasonal, available);
    }
}
