package dev.myelin.data.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The unit of work's after-rollback callbacks and rollback-only mark, on the runner with no resource. */
class UnitOfWorkTest {

    private final InMemoryTransactionRunner runner = new InMemoryTransactionRunner();
    private final List<String> trace = new CopyOnWriteArrayList<>();

    @Test
    void afterRollbackRunsOnRollbackAndAfterCommitOnCommitNeverBoth() {
        runner.inTransaction(() -> {
            runner.afterCommit(() -> trace.add("committed 1"));
            runner.afterRollback(() -> trace.add("rolled back 1"));
            return "ok";
        }, result -> true);
        runner.inTransaction(() -> {
            runner.afterCommit(() -> trace.add("committed 2"));
            runner.afterRollback(() -> trace.add("rolled back 2"));
            return "refused";
        }, result -> false);
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            runner.afterRollback(() -> trace.add("rolled back 3"));
            throw new IllegalStateException("boom");
        }, result -> true)).hasMessage("boom");

        assertThat(trace).containsExactly("committed 1", "rolled back 2", "rolled back 3");
    }

    @Test
    void afterRollbackOutsideATransactionNeverRuns() {
        runner.afterRollback(() -> trace.add("never"));

        assertThat(trace).isEmpty();
    }

    @Test
    void rollbackOnlyRollsBackAnAcceptedResultAndSaysWhy() {
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            runner.afterCommit(() -> trace.add("never"));
            runner.afterRollback(() -> trace.add("rolled back"));
            runner.current().orElseThrow().setRollbackOnly("payment voided");
            return "accepted";
        }, result -> true)).isInstanceOf(TransactionRolledBackException.class).hasMessageContaining("payment voided");

        assertThat(trace).containsExactly("rolled back");
    }
}
