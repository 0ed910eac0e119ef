package dev.myelin.spring.boot.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.core.Command;
import dev.myelin.core.ConcurrencyConflictException;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.data.transaction.TransactionRolledBackException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The Spring runner over a real JdbcTransactionManager and PostgreSQL: one server for the class. */
class SpringTransactionRunnerTest {

    record AddPizza(String name, boolean fail) implements Command<OperationResult<String>> {
    }

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private JdbcTransactionManager transactionManager;
    private SpringTransactionRunner runner;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table pizza (name text primary key)");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void createRunner() {
        jdbc.execute("truncate pizza");
        transactionManager = new JdbcTransactionManager(dataSource);
        runner = new SpringTransactionRunner(transactionManager);
    }

    @Test
    void commitsOnSuccessAndRunsCallbacksAfterTheCommitOutsideTheTransaction() {
        String result = runner.inTransaction(() -> {
            jdbc.update("insert into pizza values ('margherita')");
            runner.afterCommit(() -> trace.add("after commit: " + pizzasSeenByAnotherConnection()
                    + ", still bound: " + TransactionSynchronizationManager.isActualTransactionActive()));
            trace.add("inside: " + pizzasSeenByAnotherConnection());
            return "done";
        }, any -> true);

        assertThat(result).isEqualTo("done");
        assertThat(pizzas()).containsExactly("margherita");
        assertThat(trace).containsExactly("inside: 0", "after commit: 1, still bound: false");
    }

    @Test
    void rollsBackWhenTheResultIsRejectedAndReturnsIt() {
        OperationResult<String> result = runner.inTransaction(() -> {
            jdbc.update("insert into pizza values ('hawaii')");
            runner.afterCommit(() -> trace.add("after commit"));
            return OperationResult.<String>conflict("Pineapple is not allowed");
        }, OperationResult::isSuccess);

        assertThat(result.status()).isEqualTo(409);
        assertThat(pizzas()).isEmpty();
        assertThat(trace).isEmpty();
    }

    @Test
    void rollsBackOnExceptionAndRethrowsItUnchanged() {
        IllegalStateException failure = new IllegalStateException("oven on fire");

        assertThatThrownBy(() -> runner.inTransaction(() -> {
            jdbc.update("insert into pizza values ('diavola')");
            runner.afterCommit(() -> trace.add("after commit"));
            throw failure;
        }, any -> true)).isSameAs(failure);

        assertThat(pizzas()).isEmpty();
        assertThat(trace).isEmpty();
    }

    @Test
    void joinedRejectionRollsBackTheOuterTransaction() {
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            jdbc.update("insert into pizza values ('marinara')");
            runner.afterCommit(() -> trace.add("after commit"));
            OperationResult<String> inner = runner.inTransaction(() -> {
                jdbc.update("insert into pizza values ('funghi')");
                return OperationResult.<String>badRequest("no mushrooms today");
            }, OperationResult::isSuccess);
            trace.add("inner " + inner.status());
            return "outer succeeded";
        }, any -> true)).isInstanceOf(TransactionRolledBackException.class);

        assertThat(pizzas()).isEmpty();
        assertThat(trace).containsExactly("inner 400");
    }

    @Test
    void joinsATransactionBegunBySpringAndCallsBackAfterItsCommit() {
        TransactionTemplate outer = new TransactionTemplate(transactionManager);
        outer.executeWithoutResult(status -> {
            runner.inTransaction(() -> {
                jdbc.update("insert into pizza values ('quattro formaggi')");
                runner.afterCommit(() -> trace.add("after commit: " + pizzasSeenByAnotherConnection()));
                return "joined";
            }, any -> true);
            trace.add("outer still open: " + pizzasSeenByAnotherConnection());
        });

        assertThat(trace).containsExactly("outer still open: 0", "after commit: 1");
    }

    @Test
    void commandsUnderTheTransactionBehaviorCommitOrRollBack() {
        try (Mediator mediator = Mediator.builder()
                .handler(AddPizza.class, command -> {
                    jdbc.update("insert into pizza values (?)", command.name());
                    return command.fail() ? OperationResult.conflict("rejected") : OperationResult.created(command.name());
                })
                .behavior(TransactionBehavior.of(runner))
                .build()) {
            assertThat(mediator.send(new AddPizza("capricciosa", false)).status()).isEqualTo(201);
            assertThat(mediator.send(new AddPizza("calzone", true)).status()).isEqualTo(409);
        }

        assertThat(pizzas()).containsExactly("capricciosa");
    }

    @Test
    void afterRollbackCallbacksRunOnlyAfterARollbackOwnedOrJoined() {
        runner.inTransaction(() -> {
            runner.afterRollback(() -> trace.add("never: committed"));
            return "ok";
        }, any -> true);
        runner.inTransaction(() -> {
            runner.afterRollback(() -> trace.add("owned rolled back, bound: "
                    + TransactionSynchronizationManager.isActualTransactionActive()));
            return "refused";
        }, any -> false);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            runner.inTransaction(() -> {
                runner.afterRollback(() -> trace.add("joined rolled back"));
                return "ok";
            }, any -> true);
            status.setRollbackOnly();
        });

        assertThat(trace).containsExactly("owned rolled back, bound: false", "joined rolled back");
    }

    @Test
    void rollbackOnlyMarkRollsBackTheCommandsTransaction() {
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            jdbc.update("insert into pizza values ('quattro stagioni')");
            runner.inTransaction(() -> {
                runner.current().orElseThrow().setRollbackOnly("payment voided");
                return "joined";
            }, any -> true);
            return "accepted";
        }, any -> true)).isInstanceOf(TransactionRolledBackException.class);

        assertThat(pizzas()).isEmpty();
    }

    private static List<String> pizzas() {
        return jdbc.queryForList("select name from pizza order by name", String.class);
    }

    /** Counts rows through a connection of its own, so only committed rows are seen. */
    private static int pizzasSeenByAnotherConnection() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from pizza")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * A deadlock hit by the work's own statements (PostgreSQL aborts one of the two transactions with
     * SQLSTATE 40P01, which Spring's JdbcTemplate throws as a PessimisticLockingFailureException) is a
     * {@link ConcurrencyConflictException}: retried, or a 409, never an unexpected 500.
     */
    @Test
    void aDeadlockInTheWorkIsAConcurrencyConflict() throws Exception {
        jdbc.update("insert into pizza values ('a'), ('b')");
        CountDownLatch bothLockedOne = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (String[] order : new String[][] {{"a", "b"}, {"b", "a"}}) {
                results.add(threads.submit(() -> {
                    try {
                        return runner.inTransaction(() -> {
                            jdbc.queryForList("select name from pizza where name = ? for update", String.class, order[0]);
                            bothLockedOne.countDown();
                            try {
                                bothLockedOne.await();
                            } catch (InterruptedException interrupted) {
                                Thread.currentThread().interrupt();
                            }
                            jdbc.queryForList("select name from pizza where name = ? for update", String.class, order[1]);
                            return "committed";
                        }, any -> true);
                    } catch (RuntimeException failure) {
                        return failure.getClass().getSimpleName();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).containsExactlyInAnyOrder("committed", "ConcurrencyConflictException");
        } finally {
            threads.shutdownNow();
        }
    }
}
