package dev.myelin.spring.boot.data.jpa;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.AggregateRoot;

/** A document aggregate recording one event when created. */
final class ToppingDocument extends AggregateRoot<String> {

    record ToppingAdded(String name) implements DomainEvent {
    }

    record State(String name) {
    }

    private final String name;

    ToppingDocument(String id, long version, State state) {
        super(id, version);
        this.name = state.name();
    }

    static ToppingDocument create(String name) {
        ToppingDocument document = new ToppingDocument(name, 0, new State(name));
        document.record(new ToppingAdded(name));
        return document;
    }

    String name() {
        return name;
    }
}
