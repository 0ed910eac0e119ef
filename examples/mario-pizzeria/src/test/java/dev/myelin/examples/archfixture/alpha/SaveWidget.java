package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;

/** A command returning WidgetDto (also a query's result) and taking WidgetSpec (also a query's result). */
public record SaveWidget(WidgetSpec spec) implements Command<OperationResult<WidgetDto>> {
}
