package dev.myelin.behaviors.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.UnitOfWork;
import dev.myelin.data.transaction.TransactionRolledBackException;
import dev.myelin.data.transaction.JdbcTransactionRunner;
import dev.myelin.data.transaction.TransactionException;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC runner and the transaction behavior against a real PostgreSQL. */
class JdbcTransactionRunnerTest {

    enum Outcome { SUCCEED, FAIL, THROW }

    record AddPizza(String name, Outcome outcome) implements Command<OperationResult<String>> {
    }

    record AddPizzaThenAnother(String first, AddPizza inner, boolean propagateInnerFailure)
            implements Command<OperationResult<String>> {
    }

    record AddPlainPizza(String name, boolean explode) implements Command<Integer> {
    }

    record GetPizzaCount() implements Query<Integer> {
    }

    private static EmbeddedPostgres postgres;
    private static DataSource database;

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private RecordingDataSource dataSource;
    private JdbcTransactionRunner runner;
    private Mediator mediator;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
        execute("create table pizza (name text primary key)");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void buildMediator() throws SQLException {
        execute("truncate pizza");
        dataSource = new RecordingDataSource(database);
        runner = new JdbcTransactionRunner(dataSource);
        mediator = Mediator.builder()
                .handler(AddPizza.class, this::addPizza)
                .handler(AddPizzaThenAnother.class, this::addPizzaThenAnother)
                .handler(AddPlainPizza.class, this::addPlainPizza)
                .handler(GetPizzaCount.class, this::countPizzas)
                .behavior(TransactionBehavior.of(runner))
                .build();
    }

    @AfterEach
    void closeMediator() {
        mediator.close();
    }

    private OperationResult<String> addPizza(AddPizza command) {
        insert(command.name());
        runner.afterCommit(() -> trace.add("after commit " + command.name() + ", visible elsewhere: "
                + committed(command.name())));
        return switch (command.outcome()) {
            case SUCCEED -> OperationResult.created(command.name());
            case FAIL -> OperationResult.badRequest("No " + command.name() + " today");
            case THROW -> throw new IllegalStateException("The oven is on fire");
        };
    }

    private OperationResult<String> addPizzaThenAnother(AddPizzaThenAnother command) {
        insert(command.first());
        runner.afterCommit(() -> trace.add("after commit " + command.first()));
        Connection outer = runner.currentConnection();
        OperationResult<String> inner = mediator.send(command.inner());
        trace.add("inner " + inner.status() + " on the same connection: " + (runner.currentConnection() == outer)
                + ", inner visible elsewhere: " + committed(command.inner().name()));
        if (!inner.isSuccess() && command.propagateInnerFailure()) {
            return inner;
        }
        return OperationResult.created(command.first());
    }

    private Integer addPlainPizza(AddPlainPizza command) {
        insert(command.name());
        if (command.explode()) {
            throw new IllegalArgumentException("Unknown topping");
        }
        return 1;
    }

    private Integer countPizzas(GetPizzaCount query) {
        trace.add("query in transaction: " + runner.isActive());
        assertThatThrownBy(runner::currentConnection).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No transaction is active on this thread");
        return committedCount();
    }

    @Test
    void commandCommitsWhenResultIsSuccess() {
        OperationResult<String> result = mediator.send(new AddPizza("margherita", Outcome.SUCCEED));

        assertThat(result.status()).isEqualTo(201);
        assertThat(committed("margherita")).isTrue();
    }

    @Test
    void commandRollsBackWhenResultIsFailure() {
        OperationResult<String> result = mediator.send(new AddPizza("hawaii", Outcome.FAIL));

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.detail()).isEqualTo("No hawaii today");
        assertThat(committedCount()).isZero();
    }

    @Test
    void commandRollsBackWhenHandlerThrows() {
        OperationResult<String> result = mediator.send(new AddPizza("calzone", Outcome.THROW));

        assertThat(result.status()).isEqualTo(500);
        assertThat(committedCount()).isZero();
    }

    @Test
    void commandWithPlainResultCommitsUnlessItThrowsAndItsExceptionIsRethrownUnchanged() {
        assertThat(mediator.send(new AddPlainPizza("marinara", false))).isEqualTo(1);
        assertThatThrownBy(() -> mediator.send(new AddPlainPizza("diavola", true)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("Unknown topping");

        assertThat(committed("marinara")).isTrue();
        assertThat(committed("diavola")).isFalse();
    }

    @Test
    void nestedCommandJoinsOuterTransactionAndOnlyOutermostCommits() {
        OperationResult<String> result = mediator.send(
                new AddPizzaThenAnother("funghi", new AddPizza("quattro formaggi", Outcome.SUCCEED), true));

        assertThat(result.status()).isEqualTo(201);
        assertThat(trace).containsExactly(
                "inner 201 on the same connection: true, inner visible elsewhere: false",
                "after commit funghi",
                "after commit quattro formaggi, visible elsewhere: true");
        assertThat(dataSource.opened).hasValue(1);
        assertThat(committedCount()).isEqualTo(2);
    }

    @Test
    void innerFailureRollsBackOuterAndOuterCallerGetsTheFailureItReturns() {
        OperationResult<String> result = mediator.send(
                new AddPizzaThenAnother("funghi", new AddPizza("hawaii", Outcome.FAIL), true));

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.detail()).isEqualTo("No hawaii today");
        assertThat(committedCount()).isZero();
        assertThat(trace).containsExactly("inner 400 on the same connection: true, inner visible elsewhere: false");
    }

    @Test
    void innerFailureIgnoredByOuterStillRollsBackAndOuterCallerGets500() {
        OperationResult<String> failed = mediator.send(
                new AddPizzaThenAnother("funghi", new AddPizza("hawaii", Outcome.FAIL), false));
        OperationResult<String> threw = mediator.send(
                new AddPizzaThenAnother("funghi", new AddPizza("calzone", Outcome.THROW), false));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(threw.status()).isEqualTo(500);
        assertThat(committedCount()).isZero();
        assertThat(trace).containsExactly(
                "inner 400 on the same connection: true, inner visible elsewhere: false",
                "inner 500 on the same connection: true, inner visible elsewhere: false");
    }

    @Test
    void runnerThrowsTransactionRolledBackWhenJoinedWorkThrewAndOuterSucceeded() {
        IllegalStateException innerFailure = new IllegalStateException("inner");

        assertThatThrownBy(() -> runner.inTransaction(() -> {
            insert("outer");
            try {
                runner.inTransaction(() -> {
                    insert("inner");
                    throw innerFailure;
                }, result -> true);
            } catch (IllegalStateException swallowed) {
                // the outer work ignores the failure: the transaction must still roll back
            }
            return "done";
        }, result -> true))
                .isInstanceOf(TransactionRolledBackException.class)
                .hasMessage("Transaction rolled back: a joined unit of work threw java.lang.IllegalStateException")
                .hasCause(innerFailure);
        assertThat(committedCount()).isZero();
    }

    @Test
    void afterCommitCallbacksRunAfterCommitInRegistrationOrder() {
        runner.inTransaction(() -> {
            insert("a");
            runner.afterCommit(() -> trace.add("first, committed: " + committed("a")));
            runner.current().orElseThrow().afterCommit(() -> trace.add("second"));
            trace.add("work done");
            return "ok";
        }, result -> true);

        assertThat(trace).containsExactly("work done", "first, committed: true", "second");
    }

    @Test
    void afterCommitCallbacksDoNotRunOnRollback() {
        mediator.send(new AddPizza("hawaii", Outcome.FAIL));
        mediator.send(new AddPizza("calzone", Outcome.THROW));
        mediator.send(new AddPizzaThenAnother("funghi", new AddPizza("margherita", Outcome.FAIL), false));

        assertThat(trace).containsExactly("inner 400 on the same connection: true, inner visible elsewhere: false");
    }

    @Test
    void failingCallbackIsLoggedAndAffectsNeitherResultNorOtherCallbacks() {
        String result = runner.inTransaction(() -> {
            insert("a");
            runner.afterCommit(() -> {
                throw new IllegalStateException("SMS gateway down");
            });
            runner.afterCommit(() -> trace.add("second ran"));
            return "ok";
        }, value -> true);

        assertThat(result).isEqualTo("ok");
        assertThat(trace).containsExactly("second ran");
        assertThat(committed("a")).isTrue();
    }

    @Test
    void transactionEndCallbacksRunWhateverTheOutcomeAndNeverOutsideATransaction() throws SQLException {
        execute("create table if not exists twice (name text, unique (name) deferrable initially deferred)");
        assertThat(runner.onTransactionEnd(() -> trace.add("outside"))).isFalse();
        runner.inTransaction(() -> runner.onTransactionEnd(() -> trace.add("committed")), result -> true);
        runner.inTransaction(() -> runner.onTransactionEnd(() -> trace.add("rolled back")), result -> false);
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            runner.onTransactionEnd(() -> trace.add("threw"));
            throw new IllegalStateException("boom");
        }, result -> true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            runner.onTransactionEnd(() -> trace.add("commit failed, connections not released: "
                    + (dataSource.opened.get() - dataSource.autoCommitAtClose.size())));
            try (Statement statement = runner.currentConnection().createStatement()) {
                // The deferred unique check fails at commit.
                statement.execute("insert into twice values ('x'), ('x')");
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
            return "ok";
        }, result -> true)).isInstanceOf(TransactionException.class);

        assertThat(trace).containsExactly("committed", "rolled back", "threw", "commit failed, connections not released: 0");
    }

    @Test
    void afterCommitOutsideTransactionRunsAtOnce() {
        runner.afterCommit(() -> trace.add("ran"));

        assertThat(trace).containsExactly("ran");
        assertThat(runner.isActive()).isFalse();
        assertThat(runner.current()).isEmpty();
    }

    @Test
    void unitOfWorkRejectsCallbacksAfterItEnded() {
        UnitOfWork ended = runner.inTransaction(() -> runner.current().orElseThrow(), value -> true);

        assertThatThrownBy(() -> ended.afterCommit(() -> trace.add("late")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
        assertThat(trace).isEmpty();
    }

    @Test
    void queriesAreNotWrapped() {
        mediator.send(new AddPizza("margherita", Outcome.SUCCEED));
        trace.clear();

        assertThat(mediator.send(new GetPizzaCount())).isEqualTo(1);
        assertThat(trace).containsExactly("query in transaction: false");
        assertThat(dataSource.opened).hasValue(1);
    }

    @Test
    void connectionIsClosedWithAutoCommitRestored() {
        mediator.send(new AddPizza("margherita", Outcome.SUCCEED));
        mediator.send(new AddPizza("hawaii", Outcome.FAIL));
        mediator.send(new AddPizza("calzone", Outcome.THROW));

        assertThat(dataSource.opened).hasValue(3);
        assertThat(dataSource.autoCommitAtClose).containsExactly(true, true, true);
    }

    private void insert(String name) {
        try (PreparedStatement insert = runner.currentConnection().prepareStatement("insert into pizza (name) values (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Reads on a separate auto-commit connection, so sees only what is committed. */
    private static boolean committed(String name) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from pizza where name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static int committedCount() {
        try (Connection connection = database.getConnection(); Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select count(*) from pizza")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
