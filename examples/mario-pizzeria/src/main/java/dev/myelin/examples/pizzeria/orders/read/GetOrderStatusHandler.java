package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads one row of {@code order_summaries}; 404 naming the id when there is none. */
@Component
class GetOrderStatusHandler implements QueryHandler<GetOrderStatus, OperationResult<OrderStatusDto>> {

    /** Parameters: order id. */
    private static final String SQL_STATUS = """
            select order_id, status, customer_name, items_count, total_amount, payment_status, estimated_ready_time, updated_at
            from order_summaries where order_id = :id
            """;

    private final JdbcClient jdbc;

    GetOrderStatusHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<OrderStatusDto> handle(GetOrderStatus query) {
        return jdbc.sql(SQL_STATUS).param("id", query.orderId())
                .query((row, n) -> new OrderStatusDto(row.getString(1), OrderStatus.fromJson(row.getString(2)), row.getString(3),
                        row.getInt(4), row.getBigDecimal(5), row.getString(6),
                        row.getObject(7, OffsetDateTime.class).toInstant(), row.getObject(8, OffsetDateTime.class).toInstant()))
                .optional()
                .map(OperationResult::ok)
                .orElseGet(() -> OperationResult.notFound("Order", query.orderId()));
    }
}
