package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;

/** BAD: returns WidgetSpec, which SaveWidget takes as input. */
public record GetWidgetSpec(String id) implements Query<OperationResult<WidgetSpec>> {
}
