package dev.myelin.examples.pizzeria.web;

import dev.myelin.core.Mediator;
import dev.myelin.examples.pizzeria.kitchen.GetKitchenQueue;
import dev.myelin.spring.boot.web.ControllerBase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data of the staff pages, for a browser signed in with form login: the API's {@code /api/**}
 * chain is stateless and does not read the login session, so the kitchen page reads its queue here,
 * under {@code /staff/**}, which the session authenticates. Read-only (GET), so CSRF does not apply.
 * Knows only the mediator and the messages, like the API controllers.
 */
@RestController
class StaffPagesController extends ControllerBase {

    StaffPagesController(Mediator mediator) {
        super(mediator);
    }

    @GetMapping("/staff/kitchen/queue")
    ResponseEntity<Object> kitchenQueue() {
        return process(mediator().send(new GetKitchenQueue(null)));
    }
}
