package dev.myelin.examples.pizzeria.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * A statement batch sends its statements grouped by text in the declared order, but never reorders two
 * statements on a common row: the result is that of running them one by one in the order added.
 */
class StatementBatchTest extends PizzeriaHttpTest {

    private static final String DOUBLE = "update batch_rows set v = v * 2 where k = :k";
    private static final String INSERT = "insert into batch_rows (k, v) values (:k, :v)";

    @Autowired
    NamedParameterJdbcOperations jdbc;

    @Autowired
    TransactionRunner transactions;

    @Test
    void aStatementDeclaredFirstThatTouchesARowQueuedBeforeWaitsForIt() {
        List<String> rows = transactions.inTransaction(() -> {
            jdbc.getJdbcOperations().execute("create temporary table batch_rows (k int primary key, v int) on commit drop");
            StatementBatch batch = new StatementBatch(jdbc, DOUBLE, INSERT);
            batch.add(DOUBLE, new MapSqlParameterSource("k", 1), "row:1");
            batch.add(INSERT, new MapSqlParameterSource("k", 1).addValue("v", 1), "row:1");
            batch.add(INSERT, new MapSqlParameterSource("k", 2).addValue("v", 1), "row:2");
            batch.add(DOUBLE, new MapSqlParameterSource("k", 2), "row:2"); // after the insert of row 2
            batch.add(DOUBLE, new MapSqlParameterSource("k", 1), "row:1"); // no common row with what is queued
            batch.add(INSERT, new MapSqlParameterSource("k", 3).addValue("v", 5), "row:3");
            batch.flush();
            return jdbc.getJdbcOperations().queryForList("select k || '=' || v from batch_rows order by k", String.class);
        }, result -> true);

        assertThat(rows).as("as if run one by one").containsExactly("1=2", "2=2", "3=5");
    }
}
