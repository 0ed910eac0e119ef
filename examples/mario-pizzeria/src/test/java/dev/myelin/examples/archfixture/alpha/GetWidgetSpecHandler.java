package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.core.Sender;

/** BAD: a query handler that sends a command. */
public class GetWidgetSpecHandler implements QueryHandler<GetWidgetSpec, OperationResult<WidgetSpec>> {

    private final Sender sender;

    public GetWidgetSpecHandler(Sender sender) {
        this.sender = sender;
    }

    @Override
    public OperationResult<WidgetSpec> handle(GetWidgetSpec query) {
        sender.send(new SaveWidget(new WidgetSpec("viewed")));
        return OperationResult.ok(new WidgetSpec("widget"));
    }
}
