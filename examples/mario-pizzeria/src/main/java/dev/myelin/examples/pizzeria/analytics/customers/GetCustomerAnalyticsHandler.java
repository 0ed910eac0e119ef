package dev.myelin.examples.pizzeria.analytics.customers;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.Money;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import dev.myelin.examples.pizzeria.shared.TimePeriod;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts the {@code analytics_orders} placed since the period's start. */
@Component
class GetCustomerAnalyticsHandler implements QueryHandler<GetCustomerAnalytics, OperationResult<CustomerAnalyticsDto>> {

    /** Parameters: since. */
    private static final String SQL_FIGURES = """
            select count(distinct customer_id) filter (where not returning_customer),
                   count(distinct customer_id) filter (where returning_customer),
                   count(*) filter (where not returning_customer),
                   count(*) filter (where returning_customer),
                   count(*) filter (where cancelled),
                   coalesce(sum(amount) filter (where not cancelled), 0),
                   avg(amount) filter (where not cancelled)
            from analytics_orders where placed_at >= :since
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PizzeriaProperties properties;

    GetCustomerAnalyticsHandler(JdbcClient jdbc, Clock clock, PizzeriaProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public OperationResult<CustomerAnalyticsDto> handle(GetCustomerAnalytics query) {
        Instant since = TimePeriod.since(query.timePeriod(), clock.instant(), properties.timeZone()).orElse(null);
        return OperationResult.ok(jdbc.sql(SQL_FIGURES).param("since", Timestamp.from(since == null ? Instant.EPOCH : since))
                .query((row, n) -> {
                    BigDecimal average = row.getBigDecimal(7);
                    return new CustomerAnalyticsDto(query.timePeriod(), since, row.getInt(1), row.getInt(2), row.getInt(3),
                            row.getInt(4), row.getInt(5), Money.of(row.getBigDecimal(6)),
                            average == null ? null : Money.of(average));
                })
                .single());
    }
}
