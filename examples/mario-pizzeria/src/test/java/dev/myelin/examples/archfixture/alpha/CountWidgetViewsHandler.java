package dev.myelin.examples.archfixture.alpha;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/** BAD: a query handler whose only fault is a JDBC update (counting views while reading). */
public class CountWidgetViewsHandler implements QueryHandler<GetWidgetSummary, OperationResult<WidgetDto>> {

    private static final String SQL_COUNT_VIEW = "update widgets set views = views + 1 where id = :id";

    private final JdbcClient jdbc;

    public CountWidgetViewsHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<WidgetDto> handle(GetWidgetSummary query) {
        jdbc.sql(SQL_COUNT_VIEW).param("id", query.id()).update();
        return OperationResult.ok(new WidgetDto(query.id(), "widget"));
    }
}
