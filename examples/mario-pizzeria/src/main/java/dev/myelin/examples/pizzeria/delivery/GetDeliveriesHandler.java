package dev.myelin.examples.pizzeria.delivery;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.Caller;
import dev.myelin.examples.pizzeria.shared.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a page of {@code deliveries}. A driver sees the ready orders any driver may take, and of the
 * others only its own (a driver naming another driver is a 403); managers see all.
 */
@Component
class GetDeliveriesHandler implements QueryHandler<GetDeliveries, OperationResult<Page<DeliveryDto>>> {

    /** Parameters: status, driver or null, limit, offset. */
    private static final String SQL_PAGE = """
            select order_id, customer_name, customer_phone, customer_address, amount_due, status, driver_id, ready_at,
                   assigned_at, out_at, delivered_at
            from deliveries
            where status = :status and (cast(:driverId as text) is null or driver_id = :driverId)
            order by ready_at, order_id limit :limit offset :offset
            """;

    /** Parameters: status, driver or null. */
    private static final String SQL_COUNT = """
            select count(*) from deliveries
            where status = :status and (cast(:driverId as text) is null or driver_id = :driverId)
            """;

    private final JdbcClient jdbc;

    GetDeliveriesHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<Page<DeliveryDto>> handle(GetDeliveries request) {
        Caller caller = Caller.current();
        GetDeliveries query = request;
        if (!caller.manager()) {
            if (request.driverId() != null && !request.driverId().equals(caller.name())) {
                return OperationResult.forbidden("driver_id: drivers see only their own deliveries");
            }
            // Ready orders are for any driver to pick; the rest only the driver's own.
            if (!"ready".equals(request.status())) {
                query = new GetDeliveries(request.status(), caller.name(), request.page(), request.pageSize());
            }
        }
        List<DeliveryDto> items = jdbc.sql(SQL_PAGE)
                .param("status", query.status())
                .param("driverId", query.driverId())
                .param("limit", query.pageSize())
                .param("offset", Page.offset(query.page(), query.pageSize()))
                .query((row, n) -> new DeliveryDto(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBigDecimal(5), row.getString(6), row.getString(7), instant(row, 8), instant(row, 9),
                        instant(row, 10), instant(row, 11)))
                .list();
        long total = jdbc.sql(SQL_COUNT).param("status", query.status()).param("driverId", query.driverId())
                .query(Long.class).single();
        return OperationResult.ok(new Page<>(items, query.page(), query.pageSize(), total));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
