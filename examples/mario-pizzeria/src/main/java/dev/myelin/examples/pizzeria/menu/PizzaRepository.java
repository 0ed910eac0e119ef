package dev.myelin.examples.pizzeria.menu;

import dev.myelin.examples.pizzeria.menu.PizzaAdded.PizzaDetails;
import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.postgres.document.PostgresDocumentRepository;
import org.springframework.stereotype.Repository;

/**
 * Pizzas as documents: one row per pizza, saved with its menu events in the command's transaction.
 */
@Repository
class PizzaRepository extends PostgresDocumentRepository<Pizza, String, PizzaDetails> {

    PizzaRepository(DocumentStore documents) {
        super(Pizza.class, PizzaDetails.class, documents);
    }

    @Override
    protected PizzaDetails state(Pizza pizza) {
        return pizza.details();
    }

    @Override
    protected Pizza restore(String id, long version, PizzaDetails state) {
        return new Pizza(id, version, state);
    }
}
