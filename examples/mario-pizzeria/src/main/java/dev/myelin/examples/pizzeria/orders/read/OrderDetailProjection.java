package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.shared.Money;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.spring.boot.data.InlineProjection;
import dev.myelin.spring.boot.data.InlineWrites;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code order_details} — one jsonb {@link OrderDetailDto} per order — in step with the order
 * events, appending each to the timeline. Inline, in the command's transaction, so the detail shown
 * after a command includes it; its writes go through {@link InlineWrites} (one round trip with the other
 * inline projections'), and it sends those held before it reads a detail to rewrite it. An event
 * already on the timeline (same type and instant) is skipped, so a replay changes nothing.
 */
@Component
@InlineProjection
class OrderDetailProjection implements Projection {

    /** Parameters: order id, detail. */
    private static final String SQL_INSERT = """
            insert into order_details (order_id, detail) values (:id, cast(:detail as jsonb)) on conflict (order_id) do nothing
            """;

    /** Parameters: order id. Locks the row for the update that follows. */
    private static final String SQL_SELECT = """
            select detail::text from order_details where order_id = :id for update
            """;

    /** Parameters: order id, detail. */
    private static final String SQL_UPDATE = """
            update order_details set detail = cast(:detail as jsonb) where order_id = :id
            """;

    private final JdbcClient jdbc;
    private final InlineWrites writes;
    private final JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();

    OrderDetailProjection(JdbcClient jdbc, InlineWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (stored.event() instanceof OrderPlaced placed) {
            writes.sql(SQL_INSERT).param("id", placed.orderId()).param("detail", mapper.writeValueAsString(placed(placed)))
                    .add();
        } else if (stored.event() instanceof OrderEvent event) {
            // Reads the row the statements held so far may write (an earlier event of the same append).
            writes.flush();
            Optional<OrderDetailDto> current = jdbc.sql(SQL_SELECT).param("id", event.orderId())
                    .query(String.class).optional().map(json -> mapper.readValue(json, OrderDetailDto.class));
            if (current.isEmpty() || alreadyApplied(current.get(), event)) {
                return;
            }
            OrderDetailDto next = OrderDetails.apply(current.get(), event);
            writes.sql(SQL_UPDATE).param("id", event.orderId()).param("detail", mapper.writeValueAsString(next)).add();
        }
    }

    private static boolean alreadyApplied(OrderDetailDto detail, OrderEvent event) {
        OrderDetailDto.TimelineEntry entry = OrderDetails.entry(detail, event);
        return detail.timeline().contains(entry);
    }

    private static OrderDetailDto placed(OrderPlaced placed) {
        List<OrderDetailDto.Item> items = new ArrayList<>();
        for (int i = 0; i < placed.items().size(); i++) {
            OrderPlaced.Line line = placed.items().get(i);
            items.add(new OrderDetailDto.Item(i, line.pizzaId(), line.pizzaName(), line.size(), line.toppings(),
                    line.specialInstructions(), line.sizedPrice(), line.toppingsPrice(), line.price(), false));
        }
        OrderPlaced.Customer customer = placed.customer();
        OrderPlaced.Totals totals = placed.totals();
        OrderPlaced.Payment payment = placed.payment();
        return new OrderDetailDto(placed.orderId(), OrderStatus.PENDING,
                new OrderDetailDto.Customer(customer.customerId(), customer.name(), customer.phone(), customer.address()),
                items,
                new OrderDetailDto.Payment(payment.method(), payment.status(), payment.transactionId(),
                        "paid".equals(payment.status()) ? totals.total() : Money.ZERO),
                null, null,
                List.of(new OrderDetailDto.TimelineEntry("OrderPlaced", placed.at(),
                        items.size() + " pizza(s), total " + totals.total())),
                new OrderDetailDto.TotalBreakdown(sum(placed.items(), OrderPlaced.Line::sizedPrice),
                        sum(placed.items(), OrderPlaced.Line::toppingsPrice), totals.subtotal(), totals.tax(),
                        totals.deliveryFee(), totals.total()),
                placed.at(), placed.estimatedReadyTime(), null, null);
    }

    private static BigDecimal sum(List<OrderPlaced.Line> lines, Function<OrderPlaced.Line, BigDecimal> part) {
        BigDecimal sum = Money.ZERO;
        for (OrderPlaced.Line line : lines) {
            sum = sum.add(part.apply(line));
        }
        return Money.of(sum);
    }
}
