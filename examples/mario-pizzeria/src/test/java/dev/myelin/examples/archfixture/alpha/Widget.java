package dev.myelin.examples.archfixture.alpha;

import dev.myelin.data.AggregateRoot;

/** An aggregate of the fixture feature. */
public class Widget extends AggregateRoot<String> {

    public Widget(String id) {
        super(id, 0);
    }
}
