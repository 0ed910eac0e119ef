package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.examples.pizzeria.shared.Page;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads pages of {@code notifications} for one recipient. Thread-safe. */
@Component
class NotificationQueries {

    /** Parameters: recipient, limit, offset. */
    private static final String SQL_PAGE = """
            select order_id, channel, message, created_at from notifications
            where recipient = :recipient order by created_at desc, id desc limit :limit offset :offset
            """;

    /** Parameters: recipient. */
    private static final String SQL_COUNT = """
            select count(*) from notifications where recipient = :recipient
            """;

    private final JdbcClient jdbc;

    NotificationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<NotificationDto> page(String recipient, int page, int pageSize) {
        List<NotificationDto> items = jdbc.sql(SQL_PAGE).param("recipient", recipient).param("limit", pageSize)
                .param("offset", Page.offset(page, pageSize))
                .query((row, n) -> new NotificationDto(row.getString(1), row.getString(2), row.getString(3),
                        row.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
        long total = jdbc.sql(SQL_COUNT).param("recipient", recipient).query(Long.class).single();
        return new Page<>(items, page, pageSize, total);
    }
}
