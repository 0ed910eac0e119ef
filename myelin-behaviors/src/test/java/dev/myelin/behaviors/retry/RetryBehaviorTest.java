package dev.myelin.behaviors.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.ConcurrencyConflictException;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryBehaviorTest {

    /** Fails with a conflict while {@code failures} is above the attempt number. */
    @Retry
    record ReserveStock(int failures) implements Command<String> {
    }

    @Retry(maxAttempts = 4)
    record ReserveTable(int failures) implements Command<OperationResult<String>> {
    }

    @Retry(maxAttempts = 5, backoff = "PT0.1S", maxBackoff = "PT0.3S")
    record ReserveOven(int failures) implements Command<String> {
    }

    @Retry(on = IllegalStateException.class)
    record ReserveDriver(int failures) implements Command<String> {
    }

    record CancelOrder(int failures) implements Command<String> {
    }

    @Retry(backoff = "soon")
    record Misconfigured(int failures) implements Command<String> {
    }

    /** The handler's exceptions: a conflict unless the command is told otherwise. */
    private static RuntimeException conflict(int attempt) {
        return new ConcurrencyConflictException("Stock 'sku-1' is at version " + attempt);
    }

    private final AtomicInteger attempts = new AtomicInteger();
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final Sleeper recordingSleeper = sleeps::add;
    private final RandomGenerator half = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    /** Stands for the transaction behavior: marks each begin and end. */
    private final class TransactionMarker implements PipelineBehavior<Command<?>, Object> {
        @Override
        public Object handle(Command<?> command, Next<Command<?>, Object> next) {
            trace.add("begin");
            try {
                Object result = next.invoke(command);
                trace.add("commit");
                return result;
            } catch (RuntimeException failure) {
                trace.add("rollback");
                throw failure;
            }
        }

        @Override
        public int order() {
            return BehaviorOrder.TRANSACTION;
        }
    }

    private String handle(int failures, RuntimeException failure) {
        int attempt = attempts.incrementAndGet();
        if (attempt <= failures) {
            throw failure;
        }
        return "reserved on attempt " + attempt;
    }

    private Mediator mediator(RetryBehavior behavior) {
        return builder(behavior).build();
    }

    private MediatorBuilder builder(RetryBehavior behavior) {
        return Mediator.builder()
                .behavior(behavior)
                .behavior(new TransactionMarker())
                .handler(ReserveStock.class, (CommandHandler<ReserveStock, String>) c ->
                        handle(c.failures(), conflict(attempts.get() + 1)))
                .handler(ReserveTable.class, (CommandHandler<ReserveTable, OperationResult<String>>) c ->
                        OperationResult.ok(handle(c.failures(), conflict(attempts.get() + 1))))
                .handler(ReserveOven.class, (CommandHandler<ReserveOven, String>) c ->
                        handle(c.failures(), conflict(attempts.get() + 1)))
                .handler(ReserveDriver.class, (CommandHandler<ReserveDriver, String>) c ->
                        handle(c.failures(), new IllegalStateException("driver busy")))
                .handler(CancelOrder.class, (CommandHandler<CancelOrder, String>) c ->
                        handle(c.failures(), conflict(attempts.get() + 1)));
    }

    private RetryBehavior recording() {
        return RetryBehavior.builder().sleeper(recordingSleeper).random(half).build();
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void conflictIsRetriedUntilTheThirdAttemptSucceeds() {
        String result = mediator(recording()).send(new ReserveStock(2));

        assertThat(result).isEqualTo("reserved on attempt 3");
        assertThat(attempts).hasValue(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void eachAttemptRunsInAFreshTransaction() {
        mediator(recording()).send(new ReserveStock(2));

        assertThat(trace).containsExactly("begin", "rollback", "begin", "rollback", "begin", "commit");
    }

    @Test
    void exhaustedAttemptsRethrowTheLastConflictWithTheEarlierOnesSuppressed() {
        Mediator mediator = mediator(recording());

        assertThatThrownBy(() -> mediator.send(new ReserveStock(10)))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessage("Stock 'sku-1' is at version 3")
                .satisfies(last -> assertThat(last.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("Stock 'sku-1' is at version 1", "Stock 'sku-1' is at version 2"));
        assertThat(attempts).hasValue(Retry.DEFAULT_MAX_ATTEMPTS);
        assertThat(trace).containsExactly("begin", "rollback", "begin", "rollback", "begin", "rollback");
    }

    @Test
    void exhaustedAttemptsOfAnOperationResultCommandReturn409() {
        OperationResult<String> result = mediator(recording()).send(new ReserveTable(10));

        assertThat(result.status()).isEqualTo(409);
        assertThat(result.title()).isEqualTo("Conflict");
        assertThat(result.detail()).isEqualTo("ReserveTable conflicted with concurrent changes in each of 4 attempts; try again");
        assertThat(attempts).hasValue(4);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void operationResultCommandSucceedingOnARetryReturnsItsResult() {
        OperationResult<String> result = mediator(recording()).send(new ReserveTable(3));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.data()).isEqualTo("reserved on attempt 4");
    }

    @Test
    void exceptionNotListedIsNotRetried() {
        IllegalStateException failure = new IllegalStateException("stock table missing");
        Mediator failing = Mediator.builder()
                .behavior(recording())
                .handler(ReserveStock.class, (CommandHandler<ReserveStock, String>) c -> {
                    attempts.incrementAndGet();
                    throw failure;
                })
                .build();

        assertThatThrownBy(() -> failing.send(new ReserveStock(0))).isSameAs(failure);
        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void listedExceptionTypesReplaceTheDefault() {
        assertThat(mediator(recording()).send(new ReserveDriver(2))).isEqualTo("reserved on attempt 3");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithJitter() {
        Mediator mediator = mediator(recording());

        assertThatThrownBy(() -> mediator.send(new ReserveOven(10))).isInstanceOf(ConcurrencyConflictException.class);

        // Ceilings 100, 200, 400 → capped 300, 300 ms; the fixed random draws half of each.
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150),
                Duration.ofMillis(150));
        assertThat(attempts).hasValue(5);
    }

    @Test
    void interruptDuringBackoffStopsRetryingAndKeepsTheFlag() {
        RetryBehavior interrupted = RetryBehavior.builder()
                .sleeper(delay -> {
                    throw new InterruptedException("shutting down");
                })
                .build();
        Mediator mediator = mediator(interrupted);

        assertThatThrownBy(() -> mediator.send(new ReserveStock(10)))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessage("Stock 'sku-1' is at version 1")
                .satisfies(last -> assertThat(last.getSuppressed()).singleElement()
                        .isInstanceOf(InterruptedException.class));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void commandWithoutRetryIsNotWrapped() {
        RetryBehavior behavior = recording();
        Mediator mediator = mediator(behavior);

        assertThat(behavior.appliesTo(CancelOrder.class)).isFalse();
        assertThat(behavior.appliesTo(ReserveStock.class)).isTrue();
        assertThatThrownBy(() -> mediator.send(new CancelOrder(1))).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(attempts).hasValue(1);
        assertThat(trace).containsExactly("begin", "rollback");
    }

    @Test
    void malformedBackoffFailsTheBuildNamingTheType() {
        MediatorBuilder builder = builder(recording())
                .handler(Misconfigured.class, (CommandHandler<Misconfigured, String>) c -> "never");

        assertThatThrownBy(builder::build)
                .hasMessageContaining(Misconfigured.class.getName())
                .hasMessageContaining("'soon'");
    }

    @Test
    void defaultSleeperReallyWaits() throws InterruptedException {
        long start = System.nanoTime();

        Sleeper.THREAD_SLEEP.sleep(Duration.ofMillis(20));

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    }
}
