package dev.myelin.examples.pizzeria.analytics.performance;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import dev.myelin.examples.pizzeria.shared.TimePeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Sums {@code kitchen_pizza_times} per day and chef, and over the whole period, since the period's start. */
@Component
class GetKitchenPerformanceHandler implements QueryHandler<GetKitchenPerformance, OperationResult<KitchenPerformanceDto>> {

    /** Parameters: since. */
    private static final String SQL_PER_DAY = """
            select ready_day, kitchen_staff_id, count(*), avg(cooking_seconds),
                   count(*) filter (where on_time), count(*) filter (where not on_time)
            from kitchen_pizza_times where ready_at >= :since
            group by ready_day, kitchen_staff_id order by ready_day desc, kitchen_staff_id
            """;

    /** Parameters: since. */
    private static final String SQL_TOTAL = """
            select count(*), avg(cooking_seconds), count(*) filter (where on_time), count(*) filter (where not on_time)
            from kitchen_pizza_times where ready_at >= :since
            """;

    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PizzeriaProperties properties;

    GetKitchenPerformanceHandler(JdbcClient jdbc, Clock clock, PizzeriaProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public OperationResult<KitchenPerformanceDto> handle(GetKitchenPerformance query) {
        Instant since = TimePeriod.since(query.timePeriod(), clock.instant(), properties.timeZone()).orElse(null);
        Timestamp from = Timestamp.from(since == null ? Instant.EPOCH : since);
        KitchenPerformanceDto.Figures total = jdbc.sql(SQL_TOTAL).param("since", from)
                .query((row, n) -> figures(row, 1)).single();
        List<KitchenPerformanceDto.ChefDay> days = jdbc.sql(SQL_PER_DAY).param("since", from)
                .query((row, n) -> new KitchenPerformanceDto.ChefDay(row.getObject(1, LocalDate.class),
                        row.getString(2), figures(row, 3)))
                .list();
        return OperationResult.ok(new KitchenPerformanceDto(query.timePeriod(), since, total, days));
    }

    /** The figures in four columns from {@code first}: count, average seconds, on time, late. */
    private static KitchenPerformanceDto.Figures figures(ResultSet row, int first) throws SQLException {
        BigDecimal seconds = row.getBigDecimal(first + 1);
        BigDecimal minutes = seconds == null ? null : seconds.divide(SECONDS_PER_MINUTE, 2, RoundingMode.HALF_UP);
        return new KitchenPerformanceDto.Figures(row.getInt(first), minutes, row.getInt(first + 2), row.getInt(first + 3));
    }
}
