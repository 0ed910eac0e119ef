package dev.myelin.spring.boot.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SpringCurrentConnection#onTransactionEnd}: the callback runs when the transaction ends whatever the
 * outcome (committed, rolled back, failed to commit), and when it is suspended or rolls back to a savepoint.
 */
class SpringCurrentConnectionTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private SpringCurrentConnection current;
    private JdbcTransactionManager transactionManager;
    private SpringTransactionRunner runner;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        new JdbcTemplate(dataSource).execute("create table checked (name text, unique (name) deferrable initially deferred)");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void createPort() {
        current = new SpringCurrentConnection(dataSource);
        transactionManager = new JdbcTransactionManager(dataSource);
        runner = new SpringTransactionRunner(transactionManager);
    }

    @Test
    void outsideATransactionNothingIsRegistered() {
        assertThat(current.onTransactionEnd(() -> trace.add("end"))).isFalse();
        assertThat(trace).isEmpty();
    }

    @Test
    void theCallbackRunsAfterACommitAndAfterARollback() {
        runner.inTransaction(() -> {
            assertThat(current.onTransactionEnd(() -> trace.add("end of committed"))).isTrue();
            trace.add("inside");
            return "ok";
        }, result -> true);
        runner.inTransaction(() -> current.onTransactionEnd(() -> trace.add("end of rolled back")), result -> false);

        assertThat(trace).containsExactly("inside", "end of committed", "end of rolled back");
    }

    @Test
    void theCallbackRunsWhenTheCommitFails() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            current.onTransactionEnd(() -> trace.add("end"));
            // A deferred unique check fails at commit: the outcome is reported as rolled back or unknown.
            jdbc.update("insert into checked values ('twice'), ('twice')");
            return "ok";
        }, result -> true)).isInstanceOf(RuntimeException.class);

        assertThat(trace).containsExactly("end");
    }

    @Test
    void theCallbackRunsWhenTheTransactionIsSuspendedOrRollsBackToASavepoint() {
        TransactionTemplate requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        TransactionTemplate nested = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        runner.inTransaction(() -> {
            current.onTransactionEnd(() -> trace.add("outer ended or suspended"));
            requiresNew.executeWithoutResult(status -> trace.add("inner"));
            current.onTransactionEnd(() -> trace.add("outer again"));
            nested.executeWithoutResult(status -> {
                trace.add("nested");
                status.setRollbackOnly();
            });
            trace.add("after savepoint rollback");
            return "ok";
        }, result -> true);

        // A callback may run more than once: the store's forgets are idempotent.
        assertThat(trace).containsExactly("outer ended or suspended", "inner", "nested",
                "outer ended or suspended", "outer again", "after savepoint rollback",
                "outer ended or suspended", "outer again");
    }
}
