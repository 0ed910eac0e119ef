package dev.myelin.behaviors.idempotency.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.behaviors.idempotency.IdempotencyBehavior;
import dev.myelin.behaviors.idempotency.IdempotencyKey;
import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.behaviors.idempotency.IdempotentCommand;
import dev.myelin.behaviors.transaction.TransactionBehavior;
import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.data.transaction.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} guarantees under {@link IdempotencyBehavior} with its recorder
 * inside a real transaction: a committed command always has its record, in the same commit as its
 * effects; a rolled-back one leaves none; concurrent duplicates never both run; a reused key with
 * another request is refused. Subclasses give the store, the transaction runner and a durable effect.
 */
public abstract class IdempotencyContract {

    /** {@code customer} steers the handler: "reject" writes an effect then returns 400, "abort" marks rollback-only. */
    public record PlaceOrder(String idempotencyKey, String customer) implements Command<OperationResult<String>>,
            IdempotentCommand {
    }

    private final AtomicInteger runs = new AtomicInteger();

    /** Returns a fresh store, empty, shared by every mediator of one test. */
    protected abstract IdempotencyStore store();

    /** Returns the transaction runner the store joins. */
    protected abstract TransactionRunner transactions();

    /** Writes one effect of the command in the current transaction. */
    protected abstract void writeEffect(String orderId);

    /** Returns how many effects committed. */
    protected abstract int committedEffects();

    private Mediator mediator(IdempotencyStore store, PipelineBehavior<Command<?>, Object> afterTransaction) {
        IdempotencyBehavior idempotency = IdempotencyBehavior.builder().store(store)
                .inFlightWait(Duration.ofSeconds(10)).build();
        MediatorBuilder builder = Mediator.builder()
                .behavior(idempotency)
                .behavior(TransactionBehavior.of(transactions()))
                .behavior(idempotency.recorder())
                .handler(PlaceOrder.class, (CommandHandler<PlaceOrder, OperationResult<String>>) command -> {
                    String orderId = "order-" + runs.incrementAndGet();
                    writeEffect(orderId);
                    if ("reject".equals(command.customer())) {
                        return OperationResult.badRequest("no pizzas");
                    }
                    if ("abort".equals(command.customer())) {
                        transactions().current().orElseThrow().setRollbackOnly("a joined step failed");
                    }
                    return OperationResult.created(orderId);
                });
        if (afterTransaction != null) {
            builder.behavior(Command.class, afterTransaction);
        }
        return builder.build();
    }

    @Test
    void committedCommandIsRecordedAndARepeatReplaysItWithoutRunning() {
        IdempotencyStore store = store();
        Mediator instance = mediator(store, null);
        Mediator otherInstance = mediator(store, null);

        OperationResult<String> first = instance.send(new PlaceOrder("key-1", "Ada"));
        OperationResult<String> repeat = otherInstance.send(new PlaceOrder("key-1", "Ada"));

        assertThat(first.data()).isEqualTo("order-1");
        assertThat(repeat).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(committedEffects()).isEqualTo(1);
    }

    @Test
    void recordIsCommittedWithTheEffectsBeforeTheCommandReturns() {
        IdempotencyStore store = store();
        AtomicReference<IdempotencyStore.Claim> seenRightAfterCommit = new AtomicReference<>();
        // Between the commit and the idempotency behavior: where a crash before the response would strike.
        PipelineBehavior<Command<?>, Object> crashAfterCommit = PipelineBehavior.ordered(BehaviorOrder.RETRY - 1,
                (PipelineBehavior<Command<?>, Object>) (command, next) -> {
                    Object result = next.invoke(command);
                    seenRightAfterCommit.set(peek(store, (PlaceOrder) command));
                    throw new InternalError("simulated crash between commit and response");
                });
        Mediator crashing = mediator(store, crashAfterCommit);

        try {
            crashing.send(new PlaceOrder("key-1", "Ada"));
        } catch (InternalError expected) {
            // the process "died"
        }
        OperationResult<String> retry = mediator(store, null).send(new PlaceOrder("key-1", "Ada"));

        assertThat(seenRightAfterCommit.get()).isInstanceOf(IdempotencyStore.Claim.Completed.class);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.data()).isEqualTo("order-1");
        assertThat(runs).hasValue(1);
        assertThat(committedEffects()).isEqualTo(1);
    }

    @Test
    void rolledBackCommandLeavesNoRecordSoARetryRuns() {
        IdempotencyStore store = store();
        Mediator mediator = mediator(store, null);

        OperationResult<String> rejected = mediator.send(new PlaceOrder("key-1", "reject"));
        OperationResult<String> aborted = mediator.send(new PlaceOrder("key-1", "abort"));
        OperationResult<String> retry = mediator.send(new PlaceOrder("key-1", "Ada"));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(aborted.status()).isEqualTo(500);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.data()).isEqualTo("order-3");
        assertThat(committedEffects()).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherRequestIs422AndDoesNotRun() {
        IdempotencyStore store = store();
        Mediator mediator = mediator(store, null);
        mediator.send(new PlaceOrder("key-1", "Ada"));

        OperationResult<String> reused = mediator.send(new PlaceOrder("key-1", "Bob"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.detail()).isEqualTo("The idempotency key 'key-1' was already used with a different request");
        assertThat(runs).hasValue(1);
        assertThat(committedEffects()).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesRunOnceAndTheOthersGetTheFirstResult() throws Exception {
        IdempotencyStore store = store();
        Mediator mediator = mediator(store, null);
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<OperationResult<String>>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return mediator.send(new PlaceOrder("key-1", "Ada"));
                }));
            }
            go.countDown();
            for (Future<OperationResult<String>> result : results) {
                OperationResult<String> answer = result.get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).isEqualTo(201);
                assertThat(answer.data()).isEqualTo("order-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs).hasValue(1);
        assertThat(committedEffects()).isEqualTo(1);
    }

    @Test
    void completionByAFormerOwnerIsRefused() {
        IdempotencyStore store = store();
        IdempotencyKey key = new IdempotencyKey(PlaceOrder.class.getName(), "", "", "key-1");
        IdempotencyStore.Claim first = store.tryBegin(key, "f", Instant.now());

        store.abandon(key, ((IdempotencyStore.Claim.Started) first).owner());
        IdempotencyStore.Claim second = store.tryBegin(key, "f", Instant.now());

        assertThat(second).isInstanceOf(IdempotencyStore.Claim.Started.class);
        assertThat(store.complete(key, ((IdempotencyStore.Claim.Started) first).owner(), "stale", Instant.now().plusSeconds(60)))
                .as("the first owner lost the key").isFalse();
        assertThat(store.complete(key, ((IdempotencyStore.Claim.Started) second).owner(), "order-2",
                Instant.now().plusSeconds(60))).isTrue();
        assertThat(store.tryBegin(key, "f", Instant.now())).isEqualTo(new IdempotencyStore.Claim.Completed("f", "order-2"));
    }

    /** What another caller would find for the command's key right now, from another thread. */
    private static IdempotencyStore.Claim peek(IdempotencyStore store, PlaceOrder command) {
        IdempotencyKey key = new IdempotencyKey(PlaceOrder.class.getName(), "", "", command.idempotencyKey());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            return other.submit(() -> store.tryBegin(key, "peek", Instant.now())).get(10, TimeUnit.SECONDS);
        } catch (Exception failure) {
            throw new AssertionError(failure);
        } finally {
            other.shutdownNow();
        }
    }

}
