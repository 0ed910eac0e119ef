package dev.myelin.behaviors.timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;
import dev.myelin.core.RequestContext;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutBehaviorTest {

    @Timeout("PT5S")
    record GetMenu(boolean slow) implements Query<OperationResult<String>> {
    }

    @Timeout("PT0.1S")
    record GetKitchenQueue(boolean slow) implements Query<String> {
    }

    record GetOrder(boolean slow) implements Query<String> {
    }

    @Timeout("PT0.5S")
    record GetReceipt(boolean fail) implements Query<String> {
    }

    @Timeout("two seconds")
    record GetNothing() implements Query<String> {
    }

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final AtomicReference<Thread> handlerThread = new AtomicReference<>();
    private final AtomicReference<RequestContext> handlerContext = new AtomicReference<>();
    private final IllegalStateException failure = new IllegalStateException("printer jammed");

    /** Blocks until released when asked to be slow; counts an interrupt. */
    private String work(boolean slow) {
        handlerThread.set(Thread.currentThread());
        handlerContext.set(RequestContext.current());
        if (slow) {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "done";
    }

    private Mediator mediator(TimeoutBehavior behavior) {
        return Mediator.builder()
                .behavior(behavior)
                .handler(GetMenu.class, (QueryHandler<GetMenu, OperationResult<String>>) q -> OperationResult.ok(work(q.slow())))
                .handler(GetKitchenQueue.class, (QueryHandler<GetKitchenQueue, String>) q -> work(q.slow()))
                .handler(GetOrder.class, (QueryHandler<GetOrder, String>) q -> work(q.slow()))
                .handler(GetReceipt.class, (QueryHandler<GetReceipt, String>) q -> {
                    if (q.fail()) {
                        throw failure;
                    }
                    return work(false);
                })
                .build();
    }

    @AfterEach
    void releaseHandlers() {
        release.countDown();
        Thread.interrupted();
    }

    @Test
    void requestCompletingWithinTheDeadlineReturnsItsResult() {
        OperationResult<String> result = mediator(TimeoutBehavior.ofDefaults()).send(new GetMenu(false));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.data()).isEqualTo("done");
        assertThat(handlerThread.get()).isNotSameAs(Thread.currentThread());
        assertThat(handlerThread.get().isDaemon()).isTrue();
    }

    @Test
    void exceededDeadlineGives503AndInterruptsTheHandler() throws InterruptedException {
        TimeoutBehavior behavior = TimeoutBehavior.builder().timeout(GetMenu.class, Duration.ofMillis(100)).build();

        OperationResult<String> result = mediator(behavior).send(new GetMenu(true));

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.title()).isEqualTo("Service Unavailable");
        assertThat(result.detail()).isEqualTo("GetMenu did not complete within PT0.1S");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("handler interrupted").isTrue();
    }

    @Test
    void exceededDeadlineOfAPlainResultThrowsRequestTimeoutException() throws InterruptedException {
        Mediator mediator = mediator(TimeoutBehavior.ofDefaults());

        assertThatThrownBy(() -> mediator.send(new GetKitchenQueue(true)))
                .isInstanceOfSatisfying(RequestTimeoutException.class, timeout -> {
                    assertThat(timeout.requestType()).isEqualTo(GetKitchenQueue.class.getName());
                    assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(100));
                })
                .hasMessage(GetKitchenQueue.class.getName() + " did not complete within PT0.1S");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void handlerSeesTheCallersContext() {
        RequestContext context = RequestContext.builder().correlationId("corr-1").principal(Principal.of("ada", "chef"))
                .metadata("tenant-region", "eu").build();

        try (RequestContext.Scope scope = context.bind()) {
            mediator(TimeoutBehavior.ofDefaults()).send(new GetMenu(false));
        }

        assertThat(handlerThread.get()).isNotSameAs(Thread.currentThread());
        assertThat(handlerContext.get().correlationId()).contains("corr-1");
        assertThat(handlerContext.get().causationId()).isEqualTo(context.messageId());
        assertThat(handlerContext.get().principal()).contains(Principal.of("ada", "chef"));
        assertThat(handlerContext.get().metadata()).containsEntry("tenant-region", "eu");
    }

    @Test
    void handlerWithoutContextSeesAnEmptyOne() {
        mediator(TimeoutBehavior.ofDefaults()).send(new GetMenu(false));

        assertThat(handlerContext.get().isEmpty()).isTrue();
    }

    @Test
    void exceptionFromTheChainPropagatesUnchanged() {
        Mediator mediator = mediator(TimeoutBehavior.ofDefaults());

        assertThatThrownBy(() -> mediator.send(new GetReceipt(true))).isSameAs(failure);
    }

    @Test
    void requestWithoutDeadlineIsNotWrapped() {
        TimeoutBehavior behavior = TimeoutBehavior.ofDefaults();

        String result = mediator(behavior).send(new GetOrder(false));

        assertThat(result).isEqualTo("done");
        assertThat(behavior.appliesTo(GetOrder.class)).isFalse();
        assertThat(behavior.appliesTo(GetMenu.class)).isTrue();
        assertThat(handlerThread.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void configuredDeadlineWrapsAnUnannotatedType() {
        TimeoutBehavior behavior = TimeoutBehavior.builder().timeout(GetOrder.class, Duration.ofMillis(50)).build();
        Mediator mediator = mediator(behavior);

        assertThat(behavior.appliesTo(GetOrder.class)).isTrue();
        assertThatThrownBy(() -> mediator.send(new GetOrder(true)))
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageEndingWith("did not complete within PT0.05S");
    }

    @Test
    void callerInterruptedWhileWaitingCancelsTheWorkerAndKeepsTheFlag() throws InterruptedException {
        Mediator mediator = mediator(TimeoutBehavior.ofDefaults());
        Thread.currentThread().interrupt();

        // A plain result: for an OperationResult request the mediator maps the exception to 500.
        assertThatThrownBy(() -> mediator.send(new GetKitchenQueue(true)))
                .isInstanceOf(CancellationException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(release.getCount()).isEqualTo(1);
        // The worker may not have started before the cancel; if it did, it was interrupted.
        assertThat(handlerThread.get() == null || interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void workersRunOnTheGivenExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-worker"));
        try {
            mediator(TimeoutBehavior.builder().executor(executor).build()).send(new GetMenu(false));

            assertThat(handlerThread.get().getName()).isEqualTo("test-worker");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void malformedAnnotationFailsTheBuildNamingTheType() {
        var builder = Mediator.builder()
                .behavior(TimeoutBehavior.ofDefaults())
                .handler(GetNothing.class, (QueryHandler<GetNothing, String>) q -> "never");

        assertThatThrownBy(builder::build)
                .hasMessageContaining(GetNothing.class.getName())
                .hasMessageContaining("'two seconds'");
    }

    @Test
    void nonPositiveConfiguredDeadlineIsRejected() {
        var builder = TimeoutBehavior.builder().timeout(GetOrder.class, Duration.ZERO);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(GetOrder.class.getName());
    }
}
