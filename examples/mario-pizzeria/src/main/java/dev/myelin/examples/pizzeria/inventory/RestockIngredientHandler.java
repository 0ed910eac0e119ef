package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.examples.pizzeria.menu.MenuCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Restocks an ingredient of the menu in the command's transaction: 404 for a pizza or topping not on the
 * menu, 409 past {@value Stock#MOST_ON_HAND} units; the stock row and the {@link IngredientRestocked}
 * event (stream {@code Ingredient-<ingredient>}, whose writers the row's lock serializes) commit together.
 */
@Component
class RestockIngredientHandler implements CommandHandler<RestockIngredient, OperationResult<RestockDto>> {

    private final Stock stock;
    private final MenuCatalog menu;
    private final EventStore events;
    private final Clock clock;

    RestockIngredientHandler(Stock stock, MenuCatalog menu, EventStore events, Clock clock) {
        this.stock = stock;
        this.menu = menu;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public OperationResult<RestockDto> handle(RestockIngredient command) {
        boolean base = RestockIngredient.BASE.equals(command.kind());
        if (base ? menu.pizza(command.itemId()).isEmpty() : !menu.toppings().containsKey(command.itemId())) {
            return OperationResult.notFound(base ? "Pizza" : "Topping", command.itemId());
        }
        Instant now = clock.instant();
        Optional<StockLevel> level = stock.restock(command.ingredient(), command.quantity(), now);
        if (level.isEmpty()) {
            return OperationResult.conflict("Restocking " + command.quantity() + " units of " + command.ingredient()
                    + " would pass " + Stock.MOST_ON_HAND + " on hand");
        }
        RequestContext context = RequestContext.current();
        String by = context.principal().map(Principal::name).orElse("system");
        events.append("Ingredient-" + command.ingredient(), ExpectedVersion.any(),
                List.of(new IngredientRestocked(level.get(), by, now)), EventMetadata.of(context));
        StockLevel after = level.get();
        return OperationResult.ok(new RestockDto(after.ingredient(), after.onHand(), after.reserved(), after.free()));
    }
}
