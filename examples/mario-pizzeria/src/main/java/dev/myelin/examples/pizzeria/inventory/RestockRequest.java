package dev.myelin.examples.pizzeria.inventory;

/**
 * The body of a restock: {@code {"quantity": 10}}.
 *
 * @param quantity the units added
 * @since 0.1
 */
public record RestockRequest(Integer quantity) {
}
