package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;

/** BAD: returns WidgetDto, which SaveWidget returns too. */
public record GetWidgetSummary(String id) implements Query<OperationResult<WidgetDto>> {
}
