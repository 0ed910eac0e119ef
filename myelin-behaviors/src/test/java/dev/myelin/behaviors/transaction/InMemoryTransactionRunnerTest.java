package dev.myelin.behaviors.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transaction.TransactionRolledBackException;
import dev.myelin.data.transaction.InMemoryTransactionRunner;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryTransactionRunnerTest {

    record Rename(String name, boolean fail) implements Command<OperationResult<String>> {
    }

    record RenameTwice(String first, String second) implements Command<OperationResult<String>> {
    }

    private final InMemoryTransactionRunner runner = new InMemoryTransactionRunner();
    private final List<String> trace = new CopyOnWriteArrayList<>();

    @Test
    void callbacksRunAfterOutermostCommitAndNeverAfterRollback() {
        Mediator[] holder = new Mediator[1];
        try (Mediator mediator = Mediator.builder()
                .handler(Rename.class, command -> {
                    trace.add("handle " + command.name() + ", active: " + runner.isActive());
                    runner.afterCommit(() -> trace.add("committed " + command.name()));
                    return command.fail() ? OperationResult.conflict("taken") : OperationResult.ok(command.name());
                })
                .handler(RenameTwice.class, command -> {
                    holder[0].send(new Rename(command.first(), false));
                    trace.add("between, active: " + runner.isActive());
                    return holder[0].send(new Rename(command.second(), false));
                })
                .behavior(TransactionBehavior.of(runner))
                .build()) {
            holder[0] = mediator;

            assertThat(mediator.send(new Rename("a", true)).status()).isEqualTo(409);
            assertThat(mediator.send(new RenameTwice("b", "c")).status()).isEqualTo(200);
        }

        assertThat(trace).containsExactly("handle a, active: true", "handle b, active: true", "between, active: true",
                "handle c, active: true", "committed b", "committed c");
        assertThat(runner.isActive()).isFalse();
    }

    @Test
    void rejectedResultIsReturnedAndRolledBackButAcceptedOneAfterJoinedFailureThrows() {
        String rejected = runner.inTransaction(() -> {
            runner.afterCommit(() -> trace.add("never"));
            return "rejected";
        }, result -> false);

        assertThat(rejected).isEqualTo("rejected");
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            runner.inTransaction(() -> OperationResult.notFound("Pizza", "p-1"), OperationResult::isSuccess);
            return "accepted";
        }, result -> true))
                .isExactlyInstanceOf(TransactionRolledBackException.class)
                .hasMessage("Transaction rolled back: a joined unit of work returned 404 Not Found")
                .hasNoCause();
        assertThat(trace).isEmpty();
    }
}
