package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.examples.pizzeria.shared.OpeningHours;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Refuses {@link PlaceOrder} outside opening hours ({@code pizzeria.opening-hours} in
 * {@code pizzeria.time-zone}, read from the injected {@link Clock}) with 400, before any work. A
 * behavior for one request type only: no other request has it in its chain. Thread-safe.
 */
@Component
class OpeningHoursBehavior implements PipelineBehavior<PlaceOrder, OperationResult<OrderPlacedDto>> {

    private final OpeningHours hours;
    private final Clock clock;

    OpeningHoursBehavior(PizzeriaProperties properties, Clock clock) {
        this.hours = properties.hours();
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderPlacedDto> handle(PlaceOrder request, Next<PlaceOrder, OperationResult<OrderPlacedDto>> next) {
        if (!hours.isOpenAt(clock.instant())) {
            return OperationResult.badRequest("Sorry, we're closed! We take orders " + hours);
        }
        return next.invoke(request);
    }

    @Override
    public int order() {
        return BehaviorOrder.VALIDATION + 10;
    }
}
