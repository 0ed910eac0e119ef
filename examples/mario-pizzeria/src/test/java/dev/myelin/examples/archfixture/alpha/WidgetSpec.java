package dev.myelin.examples.archfixture.alpha;

/** BAD: a command's input that a query also returns. */
public record WidgetSpec(String name) {
}
