package dev.myelin.examples.pizzeria.kitchen;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.postgres.JacksonEventSerializer;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code kitchen_queue} in FIFO order. */
@Component
class GetKitchenQueueHandler implements QueryHandler<GetKitchenQueue, OperationResult<KitchenQueueDto>> {

    /** Parameters: status or null. */
    private static final String SQL_QUEUE = """
            select order_id, customer_name, status, order_time, estimated_ready_time, pizza_count, pizzas_ready,
                   total_prep_time, pizzas::text, special_instructions::text, kitchen_staff_id
            from kitchen_queue
            where cast(:status as text) is null or status = :status
            order by order_time, order_id
            """;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();

    GetKitchenQueueHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<KitchenQueueDto> handle(GetKitchenQueue query) {
        List<KitchenQueueDto.Ticket> tickets = jdbc.sql(SQL_QUEUE).param("status", query.status())
                .query((row, n) -> new KitchenQueueDto.Ticket(row.getString(1), row.getString(2), row.getString(3),
                        row.getObject(4, OffsetDateTime.class).toInstant(), row.getObject(5, OffsetDateTime.class).toInstant(),
                        row.getInt(6), row.getInt(7), row.getInt(8), mapper.readValue(row.getString(9), STRINGS),
                        mapper.readValue(row.getString(10), STRINGS), row.getString(11)))
                .list();
        int waiting = tickets.stream().mapToInt(ticket -> ticket.pizzaCount() - ticket.pizzasReady()).sum();
        return OperationResult.ok(new KitchenQueueDto(tickets, waiting));
    }
}
