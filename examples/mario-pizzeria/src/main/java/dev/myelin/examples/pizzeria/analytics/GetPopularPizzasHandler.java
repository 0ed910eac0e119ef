package dev.myelin.examples.pizzeria.analytics;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Sums {@code analytics_order_items} per pizza since the period's start. */
@Component
class GetPopularPizzasHandler implements QueryHandler<GetPopularPizzas, OperationResult<PopularPizzasDto>> {

    /** Parameters: since, limit. */
    private static final String SQL_POPULAR = """
            select pizza_id, max(pizza_name), count(*), sum(revenue) from analytics_order_items
            where ordered_at >= :since
            group by pizza_id order by count(*) desc, sum(revenue) desc, pizza_id limit :limit
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PizzeriaProperties properties;

    GetPopularPizzasHandler(JdbcClient jdbc, Clock clock, PizzeriaProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public OperationResult<PopularPizzasDto> handle(GetPopularPizzas query) {
        Instant now = clock.instant();
        Instant since = switch (query.timePeriod()) {
            case "today" -> LocalDate.ofInstant(now, properties.timeZone()).atStartOfDay(properties.timeZone()).toInstant();
            case "last_7_days" -> now.minus(Duration.ofDays(7));
            case "last_30_days" -> now.minus(Duration.ofDays(30));
            default -> null;
        };
        List<PopularPizzasDto.PopularPizza> pizzas = jdbc.sql(SQL_POPULAR)
                .param("since", Timestamp.from(since == null ? Instant.EPOCH : since))
                .param("limit", query.limit())
                .query((row, n) -> new PopularPizzasDto.PopularPizza(row.getString(1), row.getString(2), row.getInt(3),
                        row.getBigDecimal(4)))
                .list();
        return OperationResult.ok(new PopularPizzasDto(query.timePeriod(), since, pizzas));
    }
}
