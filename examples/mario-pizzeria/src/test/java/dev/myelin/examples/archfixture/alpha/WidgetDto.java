package dev.myelin.examples.archfixture.alpha;

/** BAD: the result of both a command and a query. */
public record WidgetDto(String id, String name) {
}
