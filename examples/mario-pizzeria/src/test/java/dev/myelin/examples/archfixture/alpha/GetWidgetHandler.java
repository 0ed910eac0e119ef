package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;

/** BAD: a query handler that saves through the repository and returns the aggregate itself. */
public class GetWidgetHandler implements QueryHandler<GetWidget, OperationResult<Widget>> {

    private final WidgetRepository widgets;

    public GetWidgetHandler(WidgetRepository widgets) {
        this.widgets = widgets;
    }

    @Override
    public OperationResult<Widget> handle(GetWidget query) {
        Widget widget = widgets.get(query.id()).orElseThrow();
        widgets.update(widget);
        return OperationResult.ok(widget);
    }
}
