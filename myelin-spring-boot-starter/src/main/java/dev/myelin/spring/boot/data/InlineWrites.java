package dev.myelin.spring.boot.data;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * The writes of {@link InlineProjection inline projections}, sent to the database in ONE round trip per
 * append. Write a statement as with {@code JdbcClient}, with named parameters:
 *
 * <pre>{@code
 * writes.sql("insert into order_summaries (order_id, status) values (:id, :status)")
 *       .param("id", placed.orderId()).param("status", "pending").add();
 * }</pre>
 *
 * <p><b>When a statement runs.</b> While the starter's after-append step applies one append's events to
 * the inline projections, each {@link Statement#add} is held; once the last inline projection has
 * applied them, and before the outbox rows are written, the held statements are sent in the order they
 * were added, as one multi-statement prepared statement on the transaction's connection (PostgreSQL's
 * driver sends each statement's parse, bind and execute messages and one sync, and reads the answers
 * once): instead of a round trip per statement, one per append. Anywhere else (a projection applied by
 * the projection daemon during a rebuild, a test calling {@code apply}) a statement runs at once, in the
 * caller's transaction. A failing statement fails the append, and the command's transaction rolls back,
 * as before.
 *
 * <p><b>Rules</b>, because a held statement has not run yet when {@code add} returns:
 * <ul>
 *   <li>a projection that reads in {@code apply} (a row it then rewrites, say) calls {@link #flush()}
 *       first, so that it reads what the statements held so far wrote; so does one that runs a statement
 *       of its own on a row a held statement writes;</li>
 *   <li>{@code add} returns no update count: a write that depends on another's count is one statement
 *       (a data-modifying {@code WITH}, as the kitchen load's is).</li>
 * </ul>
 *
 * <p>Thread-safe: the held statements are the calling thread's.
 *
 * @since 0.1
 */
public final class InlineWrites {

    /** Statement texts whose parse is kept (projections' are constants: a few dozen). */
    private static final int MAX_PARSED = 1_000;

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final SQLExceptionTranslator translator;
    private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();
    /** The statements held by the after-append step running on this thread; null when none runs. */
    private final ThreadLocal<List<Held>> held = new ThreadLocal<>();

    /**
     * Creates the writes over a data source whose transactions Spring manages.
     *
     * @param dataSource the application's data source
     */
    public InlineWrites(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /**
     * Starts a statement.
     *
     * @param sql one SQL statement, without a trailing semicolon, with {@code :name} parameters
     * @return the statement, to bind and add
     */
    public Statement sql(String sql) {
        return new Statement(Objects.requireNonNull(sql, "sql"));
    }

    /**
     * Sends the statements held on this thread now, in the order they were added; nothing when none is
     * held. For a projection about to read what they write.
     */
    public void flush() {
        List<Held> statements = held.get();
        if (statements == null || statements.isEmpty()) {
            return;
        }
        List<Held> sending = new ArrayList<>(statements);
        statements.clear();
        send(sending);
    }

    /**
     * One projection that applies each of these in turn, holding their writes, then sends them together.
     *
     * @param projections the inline projections, in their order
     * @return the projection that stands for them in the after-append step
     */
    Projection together(List<Projection> projections) {
        List<Projection> all = List.copyOf(projections);
        return new Projection() {
            @Override
            public void apply(StoredEvent event) {
                applyAll(List.of(event));
            }

            @Override
            public void applyAll(List<StoredEvent> events) {
                List<Held> outer = held.get();
                List<Held> statements = new ArrayList<>();
                held.set(statements);
                try {
                    for (int i = 0; i < all.size(); i++) {
                        all.get(i).applyAll(events);
                    }
                    send(statements);
                } finally {
                    if (outer == null) {
                        held.remove();
                    } else {
                        held.set(outer);
                    }
                }
            }

            @Override
            public String name() {
                return "inline projections";
            }
        };
    }

    private void send(List<Held> statements) {
        if (statements.isEmpty()) {
            return;
        }
        if (statements.size() == 1) {
            Held one = statements.get(0);
            jdbc.getJdbcOperations().update(one.sql, one.values);
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            sql.append(i == 0 ? "" : ";\n").append(statements.get(i).sql);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Held one : statements) {
                for (Object value : one.values) {
                    statement.setObject(index++, value);
                }
            }
            // The driver reads every statement's answer before it returns, and throws the first error.
            statement.execute();
        } catch (SQLException failure) {
            throw Objects.requireNonNullElseGet(translator.translate("inline projection writes", sql.toString(), failure),
                    () -> new IllegalStateException(failure));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One statement's SQL with {@code ?} placeholders and its values in their order. */
    private record Held(String sql, Object[] values) {
    }

    /**
     * A statement being bound. Not thread-safe; add it once.
     *
     * @since 0.1
     */
    public final class Statement {
        private final String sql;
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        private Statement(String sql) {
            this.sql = sql;
        }

        /**
         * Binds a named parameter.
         *
         * @param name its name, without the colon
         * @param value its value, as for {@code PreparedStatement.setObject}
         * @return this statement
         */
        public Statement param(String name, Object value) {
            parameters.put(name, value);
            return this;
        }

        /**
         * Holds the statement until the after-append step sends the held statements, or runs it now
         * when no such step runs on this thread.
         */
        public void add() {
            List<Held> statements = held.get();
            if (statements == null) {
                jdbc.update(sql, parameters);
                return;
            }
            ParsedSql parsedSql = parsed.get(sql);
            if (parsedSql == null) {
                parsedSql = NamedParameterUtils.parseSqlStatement(sql);
                if (parsed.size() < MAX_PARSED) {
                    parsed.put(sql, parsedSql);
                }
            }
            MapSqlParameterSource source = new MapSqlParameterSource(parameters);
            statements.add(new Held(NamedParameterUtils.substituteNamedParameters(parsedSql, source),
                    NamedParameterUtils.buildValueArray(parsedSql, source, null)));
        }
    }
}
