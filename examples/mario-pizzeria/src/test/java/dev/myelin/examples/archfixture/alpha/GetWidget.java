package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;

/** BAD: a query whose result is an aggregate. */
public record GetWidget(String id) implements Query<OperationResult<Widget>> {
}
