package dev.myelin.examples.archfixture.beta;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Sender;
import dev.myelin.examples.archfixture.alpha.SaveWidget;
import dev.myelin.examples.archfixture.alpha.WidgetDto;
import dev.myelin.examples.archfixture.alpha.WidgetSpec;

/** GOOD (control): another feature using alpha only through its command and DTOs. */
public class BetaClient {

    private final Sender sender;

    public BetaClient(Sender sender) {
        this.sender = sender;
    }

    public OperationResult<WidgetDto> save(String name) {
        return sender.send(new SaveWidget(new WidgetSpec(name)));
    }
}
