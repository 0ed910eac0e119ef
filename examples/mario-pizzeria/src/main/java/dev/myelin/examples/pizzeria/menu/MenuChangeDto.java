package dev.myelin.examples.pizzeria.menu;

/**
 * What a menu command did.
 *
 * @param pizzaId the pizza
 * @param change {@code added}, {@code changed} or {@code removed}
 * @since 0.1
 */
public record MenuChangeDto(String pizzaId, String change) {
}
