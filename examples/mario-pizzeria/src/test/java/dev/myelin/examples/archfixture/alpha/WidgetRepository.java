package dev.myelin.examples.archfixture.alpha;

import dev.myelin.data.Repository;

/** The fixture feature's repository. */
public abstract class WidgetRepository implements Repository<Widget, String> {
}
