package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.data.events.EventReader;
import dev.myelin.examples.pizzeria.orders.OrderStreams;
import org.springframework.stereotype.Component;

/**
 * Reads one order's detail by folding the order's own event stream ({@link OrderDetails#fold}): a live
 * projection, so the detail is current the moment a command commits (read-your-writes) and no table is
 * written for it by any command. 404 naming the id when the order has no events. One statement for an
 * order of up to {@value EventReader#STREAM_PAGE} events (an order has about ten), one more per further
 * page. Reads through an {@link EventReader}: it cannot append.
 */
@Component
class GetOrderByIdHandler implements QueryHandler<GetOrderById, OperationResult<OrderDetailDto>> {

    private final EventReader events;

    GetOrderByIdHandler(EventReader events) {
        this.events = events;
    }

    @Override
    public OperationResult<OrderDetailDto> handle(GetOrderById query) {
        return OrderDetails.fold(events.readStream(OrderStreams.of(query.orderId()))).map(OperationResult::ok)
                .orElseGet(() -> OperationResult.notFound("Order", query.orderId()));
    }
}
