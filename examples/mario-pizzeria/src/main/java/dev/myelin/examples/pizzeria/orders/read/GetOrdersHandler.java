package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import dev.myelin.examples.pizzeria.shared.Page;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a page of {@code order_summaries} and its total count. */
@Component
class GetOrdersHandler implements QueryHandler<GetOrders, OperationResult<Page<OrderSummaryDto>>> {

    /** Parameters: customer id or null, status or null, limit, offset. */
    private static final String SQL_PAGE = """
            select order_id, customer_id, customer_name, status, items_count, total_amount, payment_status, placed_at,
                   estimated_ready_time
            from order_summaries
            where (cast(:customerId as text) is null or customer_id = :customerId)
              and (cast(:status as text) is null or status = :status)
            order by placed_at desc, order_id
            limit :limit offset :offset
            """;

    /** Parameters: customer id or null, status or null. */
    private static final String SQL_COUNT = """
            select count(*) from order_summaries
            where (cast(:customerId as text) is null or customer_id = :customerId)
              and (cast(:status as text) is null or status = :status)
            """;

    private final JdbcClient jdbc;

    GetOrdersHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<Page<OrderSummaryDto>> handle(GetOrders query) {
        String status = query.status();
        List<OrderSummaryDto> items = jdbc.sql(SQL_PAGE)
                .param("customerId", query.customerId())
                .param("status", status)
                .param("limit", query.pageSize())
                .param("offset", Page.offset(query.page(), query.pageSize()))
                .query((row, n) -> new OrderSummaryDto(row.getString(1), row.getString(2), row.getString(3),
                        OrderStatus.fromJson(row.getString(4)), row.getInt(5), row.getBigDecimal(6), row.getString(7),
                        row.getObject(8, OffsetDateTime.class).toInstant(), row.getObject(9, OffsetDateTime.class).toInstant()))
                .list();
        long total = jdbc.sql(SQL_COUNT).param("customerId", query.customerId()).param("status", status)
                .query(Long.class).single();
        return OperationResult.ok(new Page<>(items, query.page(), query.pageSize(), total));
    }
}
