package dev.myelin.behaviors.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdempotencyBehaviorTest {

    /** {@code customer} steers the handler: "fail" throws, "reject" returns 400, "slow" waits for release. */
    record PlaceOrder(String idempotencyKey, String customer) implements Command<OperationResult<String>>, IdempotentCommand {
    }

    record RefundOrder(String idempotencyKey, String customer) implements Command<String>, IdempotentCommand {
    }

    record CancelOrder(String orderId) implements Command<OperationResult<String>> {
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final AtomicInteger runs = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch duplicateWaiting = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** The real in-memory store, decorated to report when a duplicate finds the key in flight. */
    private final IdempotencyStore store = new IdempotencyStore() {
        private final InMemoryIdempotencyStore delegate = new InMemoryIdempotencyStore();

        @Override
        public Claim tryBegin(IdempotencyKey key, String fingerprint, Instant now) {
            Claim claim = delegate.tryBegin(key, fingerprint, now);
            if (claim instanceof Claim.InFlight) {
                duplicateWaiting.countDown();
            }
            return claim;
        }

        @Override
        public boolean complete(IdempotencyKey key, String owner, Object result, Instant expiresAt) {
            return delegate.complete(key, owner, result, expiresAt);
        }

        @Override
        public void abandon(IdempotencyKey key, String owner) {
            delegate.abandon(key, owner);
        }

        @Override
        public void awaitChange(IdempotencyKey key, Duration maxWait) throws InterruptedException {
            delegate.awaitChange(key, maxWait);
        }
    };

    private String run(String customer) {
        int run = runs.incrementAndGet();
        switch (customer) {
            case "fail" -> throw new IllegalStateException("payment service down");
            case "slow" -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {
            }
        }
        return "order-" + run;
    }

    private Mediator mediator(IdempotencyBehavior.Builder behavior) {
        return Mediator.builder()
                .behavior(behavior.store(store).clock(clock).build())
                .handler(PlaceOrder.class, (CommandHandler<PlaceOrder, OperationResult<String>>) c ->
                        "reject".equals(c.customer()) ? rejected() : OperationResult.created(run(c.customer())))
                .handler(RefundOrder.class, (CommandHandler<RefundOrder, String>) c -> run(c.customer()))
                .handler(CancelOrder.class, (CommandHandler<CancelOrder, OperationResult<String>>) c ->
                        OperationResult.ok(run(c.orderId())))
                .build();
    }

    private OperationResult<String> rejected() {
        runs.incrementAndGet();
        return OperationResult.badRequest("no pizzas");
    }

    private Mediator mediator() {
        return mediator(IdempotencyBehavior.builder());
    }

    @AfterEach
    void stopThreads() {
        release.countDown();
        threads.shutdownNow();
        Thread.interrupted();
    }

    @Test
    void repeatReturnsTheFirstResultAndTheHandlerRunsOnce() {
        Mediator mediator = mediator();

        OperationResult<String> first = mediator.send(new PlaceOrder("key-1", "Ada"));
        OperationResult<String> repeat = mediator.send(new PlaceOrder("key-1", "Ada"));

        assertThat(first.data()).isEqualTo("order-1");
        assertThat(repeat).isSameAs(first);
        assertThat(runs).hasValue(1);
    }

    @Test
    void repeatAfterTheRetentionWindowRunsAgain() {
        Mediator mediator = mediator(IdempotencyBehavior.builder().retention(Duration.ofHours(1)));
        OperationResult<String> first = mediator.send(new PlaceOrder("key-1", "Ada"));

        clock.advance(Duration.ofMinutes(59));
        OperationResult<String> withinWindow = mediator.send(new PlaceOrder("key-1", "Ada"));
        clock.advance(Duration.ofMinutes(1));
        OperationResult<String> afterWindow = mediator.send(new PlaceOrder("key-1", "Ada"));

        assertThat(withinWindow).isSameAs(first);
        assertThat(afterWindow.data()).isEqualTo("order-2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void defaultRetentionIs24Hours() {
        Mediator mediator = mediator();
        OperationResult<String> first = mediator.send(new PlaceOrder("key-1", "Ada"));

        clock.advance(IdempotencyBehavior.DEFAULT_RETENTION.minusSeconds(1));
        assertThat(mediator.send(new PlaceOrder("key-1", "Ada"))).isSameAs(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(mediator.send(new PlaceOrder("key-1", "Ada")).data()).isEqualTo("order-2");
        assertThat(IdempotencyBehavior.DEFAULT_RETENTION).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void repeatAfterAThrownFailureRunsAgain() {
        Mediator mediator = mediator();

        assertThatThrownBy(() -> mediator.send(new RefundOrder("key-1", "fail"))).isInstanceOf(IllegalStateException.class);
        String repeat = mediator.send(new RefundOrder("key-1", "Ada"));

        assertThat(repeat).isEqualTo("order-2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void repeatAfterAFailureResultRunsAgain() {
        Mediator mediator = mediator();

        OperationResult<String> first = mediator.send(new PlaceOrder("key-1", "reject"));
        OperationResult<String> repeat = mediator.send(new PlaceOrder("key-1", "Ada"));

        assertThat(first.status()).isEqualTo(400);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.data()).isEqualTo("order-2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void concurrentDuplicateWaitsForTheFirstAndGetsItsResult() throws Exception {
        Mediator mediator = mediator();
        CompletableFuture<OperationResult<String>> first =
                CompletableFuture.supplyAsync(() -> mediator.send(new PlaceOrder("key-1", "slow")), threads);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<OperationResult<String>> duplicate =
                CompletableFuture.supplyAsync(() -> mediator.send(new PlaceOrder("key-1", "slow")), threads);
        assertThat(duplicateWaiting.await(5, TimeUnit.SECONDS)).as("duplicate found the key in flight").isTrue();
        assertThat(duplicate).isNotDone();

        release.countDown();

        assertThat(duplicate.get(5, TimeUnit.SECONDS)).isSameAs(first.get(5, TimeUnit.SECONDS));
        assertThat(first.get().data()).isEqualTo("order-1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void concurrentDuplicateGets409WhenTheWaitTimesOut() throws Exception {
        Mediator mediator = mediator(IdempotencyBehavior.builder().inFlightWait(Duration.ofMillis(50)));
        CompletableFuture<OperationResult<String>> first =
                CompletableFuture.supplyAsync(() -> mediator.send(new PlaceOrder("key-1", "slow")), threads);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        OperationResult<String> duplicate = mediator.send(new PlaceOrder("key-1", "slow"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.detail())
                .isEqualTo("A PlaceOrder with idempotency key 'key-1' is still in progress; try again later");
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).data()).isEqualTo("order-1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void concurrentDuplicateOfAPlainResultCommandThrowsWhenTheWaitTimesOut() throws Exception {
        Mediator mediator = mediator(IdempotencyBehavior.builder().inFlightWait(Duration.ZERO));
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(() -> mediator.send(new RefundOrder("key-1", "slow")), threads);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> mediator.send(new RefundOrder("key-1", "slow")))
                .isInstanceOfSatisfying(IdempotencyConflictException.class, conflict -> assertThat(conflict.key())
                        .isEqualTo(new IdempotencyKey(RefundOrder.class.getName(), "", "", "key-1")));
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("order-1");
    }

    @Test
    void waitingDuplicateInterruptedKeepsTheFlag() throws Exception {
        Mediator mediator = mediator();
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(() -> mediator.send(new RefundOrder("key-1", "slow")), threads);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.currentThread().interrupt();

        // A plain result: for an OperationResult command the mediator maps the exception to 500.
        assertThatThrownBy(() -> mediator.send(new RefundOrder("key-1", "slow")))
                .isInstanceOf(CancellationException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isTrue();
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("order-1");
    }

    @Test
    void keyFromContextMetadataMakesAnyCommandIdempotent() {
        Mediator mediator = mediator();
        RequestContext context = RequestContext.builder().metadata(IdempotencyBehavior.METADATA_KEY, "key-9").build();

        OperationResult<String> first;
        OperationResult<String> repeat;
        try (RequestContext.Scope scope = context.bind()) {
            first = mediator.send(new CancelOrder("o-1"));
            repeat = mediator.send(new CancelOrder("o-1"));
        }

        assertThat(repeat).isSameAs(first);
        assertThat(runs).hasValue(1);
        assertThat(IdempotencyBehavior.METADATA_KEY).isEqualTo("idempotency-key");
    }

    @Test
    void sameKeyOnDifferentCommandTypesIsIndependent() {
        Mediator mediator = mediator();

        OperationResult<String> placed = mediator.send(new PlaceOrder("key-1", "Ada"));
        String refunded = mediator.send(new RefundOrder("key-1", "Ada"));

        assertThat(placed.data()).isEqualTo("order-1");
        assertThat(refunded).isEqualTo("order-2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void sameKeyFromDifferentPrincipalsIsIndependent() {
        Mediator mediator = mediator();

        OperationResult<String> ada = sendAs("ada", mediator, new PlaceOrder("key-1", "Ada"));
        OperationResult<String> bob = sendAs("bob", mediator, new PlaceOrder("key-1", "Bob"));
        OperationResult<String> adaAgain = sendAs("ada", mediator, new PlaceOrder("key-1", "Ada"));

        assertThat(ada.data()).isEqualTo("order-1");
        assertThat(bob.data()).isEqualTo("order-2");
        assertThat(adaAgain).isSameAs(ada);
        assertThat(runs).hasValue(2);
    }

    @Test
    void sameKeyWithAnotherRequestIsRefusedWithoutRunning() {
        Mediator mediator = mediator();
        mediator.send(new PlaceOrder("key-1", "Ada"));
        mediator.send(new RefundOrder("key-2", "Ada"));

        OperationResult<String> reused = mediator.send(new PlaceOrder("key-1", "Bob"));

        assertThat(reused.status()).isEqualTo(422);
        assertThatThrownBy(() -> mediator.send(new RefundOrder("key-2", "Bob")))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("'key-2'");
        assertThat(runs).hasValue(2);
    }

    @Test
    void fingerprintFromTheContextDecidesWhatTheSameRequestIs() {
        Mediator mediator = mediator();
        RequestContext body1 = RequestContext.builder().metadata(IdempotencyBehavior.METADATA_KEY, "key-9")
                .metadata(IdempotencyBehavior.FINGERPRINT_METADATA_KEY, "body-1").build();
        RequestContext body2 = body1.toBuilder().metadata(IdempotencyBehavior.FINGERPRINT_METADATA_KEY, "body-2").build();

        OperationResult<String> first;
        OperationResult<String> replayed;
        OperationResult<String> reused;
        try (RequestContext.Scope scope = body1.bind()) {
            first = mediator.send(new CancelOrder("o-1"));
            replayed = mediator.send(new CancelOrder("o-1"));
        }
        try (RequestContext.Scope scope = body2.bind()) {
            reused = mediator.send(new CancelOrder("o-1"));
        }

        assertThat(replayed).isSameAs(first);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(runs).hasValue(1);
    }

    @Test
    void replayListenerHearsEachReplayOnly() {
        java.util.List<IdempotencyKey> replays = new java.util.concurrent.CopyOnWriteArrayList<>();
        Mediator mediator = mediator(IdempotencyBehavior.builder().onReplay(replays::add));

        mediator.send(new PlaceOrder("key-1", "Ada"));
        mediator.send(new PlaceOrder("key-1", "Ada"));

        assertThat(replays).containsExactly(new IdempotencyKey(PlaceOrder.class.getName(), "", "", "key-1"));
    }

    @Test
    void sameKeyInDifferentTenantsIsIndependent() {
        Mediator mediator = mediator();
        OperationResult<String> north;
        OperationResult<String> south;
        try (RequestContext.Scope scope = RequestContext.builder().tenant("north").build().bind()) {
            north = mediator.send(new PlaceOrder("key-1", "Ada"));
        }
        try (RequestContext.Scope scope = RequestContext.builder().tenant("south").build().bind()) {
            south = mediator.send(new PlaceOrder("key-1", "Ada"));
        }

        assertThat(north.data()).isEqualTo("order-1");
        assertThat(south.data()).isEqualTo("order-2");
    }

    @Test
    void commandsWithoutAKeyRunEveryTime() {
        Mediator mediator = mediator();

        mediator.send(new PlaceOrder(null, "Ada"));
        mediator.send(new PlaceOrder(" ", "Ada"));
        mediator.send(new CancelOrder("o-1"));
        mediator.send(new CancelOrder("o-1"));

        assertThat(runs).hasValue(4);
    }

    private static <R> R sendAs(String principal, Mediator mediator, Command<R> command) {
        try (RequestContext.Scope scope = RequestContext.builder().principal(Principal.of(principal)).build().bind()) {
            return mediator.send(command);
        }
    }
}
