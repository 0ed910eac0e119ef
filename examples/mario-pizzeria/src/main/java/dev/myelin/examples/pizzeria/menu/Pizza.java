package dev.myelin.examples.pizzeria.menu;

import dev.myelin.data.AggregateRoot;
import dev.myelin.examples.pizzeria.menu.PizzaAdded.PizzaDetails;
import java.time.Instant;

/**
 * A pizza of the menu, changed only by staff commands; each change records a {@link MenuEvent}.
 * Not thread-safe: an instance belongs to one command.
 */
final class Pizza extends AggregateRoot<String> {

    private PizzaDetails details;

    Pizza(String id, long version, PizzaDetails details) {
        super(id, version);
        this.details = details;
    }

    static Pizza add(String id, PizzaDetails details, Instant now) {
        Pizza pizza = new Pizza(id, 0, details);
        pizza.record(new PizzaAdded(id, details, now));
        return pizza;
    }

    void change(PizzaDetails newDetails, Instant now) {
        this.details = newDetails;
        record(new PizzaChanged(id(), newDetails, now));
    }

    void remove(Instant now) {
        record(new PizzaRemoved(id(), now));
    }

    PizzaDetails details() {
        return details;
    }
}
