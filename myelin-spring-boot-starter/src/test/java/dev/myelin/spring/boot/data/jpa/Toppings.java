package dev.myelin.spring.boot.data.jpa;

import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.postgres.document.PostgresDocumentRepository;

/** The documents of toppings. */
final class Toppings extends PostgresDocumentRepository<ToppingDocument, String, ToppingDocument.State> {

    Toppings(DocumentStore documents) {
        super(ToppingDocument.class, ToppingDocument.State.class, documents);
    }

    @Override
    protected ToppingDocument.State state(ToppingDocument document) {
        return new ToppingDocument.State(document.name());
    }

    @Override
    protected ToppingDocument restore(String id, long version, ToppingDocument.State state) {
        return new ToppingDocument(id, version, state);
    }
}
