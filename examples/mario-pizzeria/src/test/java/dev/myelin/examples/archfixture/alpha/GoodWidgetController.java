package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** GOOD (control): a controller that only maps a body to a command and sends it. */
@RestController
public class GoodWidgetController {

    private final Mediator mediator;

    public GoodWidgetController(Mediator mediator) {
        this.mediator = mediator;
    }

    @PostMapping("/widgets")
    public OperationResult<WidgetDto> save(@RequestBody SaveWidget command) {
        return mediator.send(command);
    }
}
