package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.examples.pizzeria.orders.OrderRepository;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads one order's detail by folding the order's own event stream ({@link OrderDetails#fold}): a live
 * projection, so the detail is current the moment a command commits (read-your-writes) and no table is
 * written for it by any command. 404 naming the id when the order has no events. One statement for an
 * order of up to {@value #PAGE} events (an order has about ten), another per further page.
 */
@Component
class GetOrderByIdHandler implements QueryHandler<GetOrderById, OperationResult<OrderDetailDto>> {

    /** Events read per statement. */
    static final int PAGE = 256;

    private final EventStore events;
    private final OrderRepository orders;

    GetOrderByIdHandler(EventStore events, OrderRepository orders) {
        this.events = events;
        this.orders = orders;
    }

    @Override
    public OperationResult<OrderDetailDto> handle(GetOrderById query) {
        String stream = orders.streamId(query.orderId());
        List<StoredEvent> read = events.readStream(stream, 1, PAGE);
        if (read.size() == PAGE) {
            List<StoredEvent> all = new ArrayList<>(read);
            List<StoredEvent> page = read;
            while (page.size() == PAGE) {
                page = events.readStream(stream, all.get(all.size() - 1).streamVersion() + 1, PAGE);
                all.addAll(page);
            }
            read = all;
        }
        return OrderDetails.fold(read).map(OperationResult::ok)
                .orElseGet(() -> OperationResult.notFound("Order", query.orderId()));
    }
}
