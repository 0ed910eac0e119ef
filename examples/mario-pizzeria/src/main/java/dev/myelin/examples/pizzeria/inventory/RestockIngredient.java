package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.menu.GetMenu;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Adds units of an ingredient to the stock (managers only): {@code POST /api/inventory/bases/{pizza_id}/restock}
 * or {@code /toppings/{topping_id}/restock}. The first restock of an ingredient starts counting it. Evicts
 * the cached menu once committed (a pizza or topping may be back).
 *
 * @param kind {@code base} (a pizza's base) or {@code topping}
 * @param itemId the pizza or topping on the menu
 * @param quantity the units added, 1 to 10,000
 * @since 0.1
 */
@RequiresRole("manager")
@Evicts(tags = GetMenu.CACHE_TAG)
public record RestockIngredient(
        @NotBlank @Pattern(regexp = "base|topping", message = "must be base or topping") String kind,
        @NotBlank @Size(max = 40) String itemId,
        @NotNull @Min(1) @Max(10_000) Integer quantity) implements Command<OperationResult<RestockDto>> {

    /** A pizza's base. */
    public static final String BASE = "base";

    /** A topping. */
    public static final String TOPPING = "topping";

    String ingredient() {
        return BASE.equals(kind) ? Inventory.base(itemId) : Inventory.topping(itemId);
    }
}
