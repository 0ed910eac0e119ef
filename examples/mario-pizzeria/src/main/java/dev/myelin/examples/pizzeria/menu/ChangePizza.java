package dev.myelin.examples.pizzeria.menu;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Replaces the details of a pizza on the menu (managers only): price, availability, season...;
 * evicts the cached menu once committed.
 *
 * @param pizzaId the pizza
 * @param name its name
 * @param description its description
 * @param category its category
 * @param basePrice the price of a medium pizza
 * @param preparationTimeMinutes minutes to prepare and bake one
 * @param seasonal whether it is a seasonal pizza
 * @param available whether it can be ordered now
 * @since 0.1
 */
@RequiresRole("manager")
@Retry
@Evicts(tags = GetMenu.CACHE_TAG)
public record ChangePizza(
        @NotBlank String pizzaId,
        @NotBlank @Size(max = 80) String name,
        @Size(max = 500) String description,
        @NotBlank @Pattern(regexp = "[a-z_]{1,30}", message = "must be 1-30 lower-case letters or _") String category,
        @NotNull @DecimalMin("0.01") @DecimalMax("999.99") @Digits(integer = 3, fraction = 2) BigDecimal basePrice,
        @Min(1) @Max(120) int preparationTimeMinutes,
        boolean seasonal,
        boolean available) implements Command<OperationResult<MenuChangeDto>> {

    PizzaAdded.PizzaDetails details() {
        return new PizzaAdded.PizzaDetails(name, description == null ? "" : description, category, basePrice,
                preparationTimeMinutes, seasonal, available);
    }
}
