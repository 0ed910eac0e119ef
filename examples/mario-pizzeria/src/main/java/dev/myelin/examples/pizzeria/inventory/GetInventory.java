package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;

/**
 * Reads the stock of every counted ingredient (chefs and managers): {@code GET /api/inventory}. Not
 * cached: the kitchen sees each reservation the moment it commits.
 *
 * @since 0.1
 */
@RequiresRole({"chef", "manager"})
public record GetInventory() implements Query<OperationResult<InventoryDto>> {
}
