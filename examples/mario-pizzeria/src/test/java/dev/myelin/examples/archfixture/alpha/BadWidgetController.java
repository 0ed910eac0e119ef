package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.OperationResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** BAD: a controller that calls a handler and a repository directly, bypassing the mediator. */
@RestController
public class BadWidgetController {

    private final GetWidgetHandler handler;
    private final WidgetRepository widgets;

    public BadWidgetController(GetWidgetHandler handler, WidgetRepository widgets) {
        this.handler = handler;
        this.widgets = widgets;
    }

    @GetMapping("/widgets/{id}")
    public OperationResult<Widget> get(@PathVariable String id) {
        widgets.get(id);
        return handler.handle(new GetWidget(id));
    }
}
