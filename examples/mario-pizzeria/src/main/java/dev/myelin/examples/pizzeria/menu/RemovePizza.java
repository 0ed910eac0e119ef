package dev.myelin.examples.pizzeria.menu;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import jakarta.validation.constraints.NotBlank;

/**
 * Takes a pizza off the menu (managers only); evicts the cached menu once committed. Orders
 * already placed keep their pizzas.
 *
 * @param pizzaId the pizza
 * @since 0.1
 */
@RequiresRole("manager")
@Retry
@Evicts(tags = GetMenu.CACHE_TAG)
public record RemovePizza(@NotBlank String pizzaId) implements Command<OperationResult<MenuChangeDto>> {
}
