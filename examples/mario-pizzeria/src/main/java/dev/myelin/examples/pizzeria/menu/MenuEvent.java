package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.DomainEvent;

/**
 * An event of the menu: a pizza added, changed or removed by staff.
 *
 * @since 0.1
 */
public sealed interface MenuEvent extends DomainEvent permits PizzaAdded, PizzaChanged, PizzaRemoved {

    /**
     * Returns the pizza concerned.
     *
     * @return its id
     */
    String pizzaId();
}
