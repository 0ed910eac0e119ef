package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.postgres.JacksonEventSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads one row of {@code order_details}; 404 naming the id when there is none. */
@Component
class GetOrderByIdHandler implements QueryHandler<GetOrderById, OperationResult<OrderDetailDto>> {

    /** Parameters: order id. */
    private static final String SQL_DETAIL = """
            select detail::text from order_details where order_id = :id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();

    GetOrderByIdHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<OrderDetailDto> handle(GetOrderById query) {
        return jdbc.sql(SQL_DETAIL).param("id", query.orderId()).query(String.class).optional()
                .map(json -> OperationResult.ok(mapper.readValue(json, OrderDetailDto.class)))
                .orElseGet(() -> OperationResult.notFound("Order", query.orderId()));
    }
}
