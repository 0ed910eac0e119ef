package dev.myelin.examples.pizzeria.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Write statements queued in a projection's {@code applyAll} and sent as one JDBC batch per statement
 * text (one round trip each with PostgreSQL's driver, which runs a batch's statements in order), with
 * the same result as running them one by one in the order they were added.
 *
 * <p>The statement texts are declared up front, and the queued statements are sent grouped by text, in
 * that declared order. Each statement names the rows it reads or writes (its keys; two statements that
 * touch a common row must share a key, and a statement whose rows are not known must be followed by
 * {@link #flush}): adding a statement that would be sent before one queued earlier with a common key
 * first sends what is queued, so statements with a common key keep their order and only statements
 * without one are reordered. Runs in the caller's transaction; not thread-safe, one per batch of events.
 *
 * @since 0.1
 */
public final class StatementBatch {

    private final NamedParameterJdbcOperations jdbc;
    private final List<String> statements;
    /** The queued parameters of each statement, by its position in {@link #statements}. */
    private final List<List<SqlParameterSource>> queued;
    /** For each key, the last position (in the send order) of a queued statement that touches it. */
    private final Map<String, Integer> lastPositionByKey = new HashMap<>();

    /**
     * Makes an empty batch.
     *
     * @param jdbc the template, on the current transaction's connection
     * @param statements the statement texts, with named parameters, in the order their groups are sent
     */
    public StatementBatch(NamedParameterJdbcOperations jdbc, String... statements) {
        this.jdbc = jdbc;
        this.statements = List.of(statements);
        this.queued = new ArrayList<>(statements.length);
        for (int i = 0; i < statements.length; i++) {
            queued.add(new ArrayList<>());
        }
    }

    /**
     * Queues a statement, after sending what is queued when that is needed to keep the order of
     * statements with a common key.
     *
     * @param sql one of the declared statements
     * @param parameters its parameters
     * @param keys the rows it reads or writes, such as {@code "customer_stats:" + customerId}
     * @throws IllegalArgumentException if the statement was not declared
     */
    public void add(String sql, SqlParameterSource parameters, String... keys) {
        int position = statements.indexOf(sql);
        if (position < 0) {
            throw new IllegalArgumentException("Statement not declared: " + sql);
        }
        for (String key : keys) {
            if (lastPositionByKey.getOrDefault(key, -1) > position) {
                flush();
                break;
            }
        }
        queued.get(position).add(parameters);
        for (String key : keys) {
            lastPositionByKey.merge(key, position, Math::max);
        }
    }

    /** Sends what is queued, one JDBC batch per statement text in the declared order, and empties the batch. */
    public void flush() {
        for (int i = 0; i < statements.size(); i++) {
            List<SqlParameterSource> parameters = queued.get(i);
            if (parameters.size() == 1) {
                jdbc.update(statements.get(i), parameters.get(0));
            } else if (!parameters.isEmpty()) {
                jdbc.batchUpdate(statements.get(i), parameters.toArray(SqlParameterSource[]::new));
            }
            parameters.clear();
        }
        lastPositionByKey.clear();
    }
}
