package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SendAsyncTest {

    record Slow(int value) implements Query<Integer> {
    }

    record Fail() implements Command<String> {
    }


    private static MediatorBuilder builder() {
        return Mediator.builder()
                .handler(Slow.class, query -> query.value() * 2)
                .handler(Fail.class, command -> {
                    throw new IllegalArgumentException("bad");
                });
    }

    @Test
    void sendAsyncCompletesWithTheResultOffTheCallingThread() {
        Thread caller = Thread.currentThread();
        try (Mediator mediator = Mediator.builder().handler(Slow.class, query -> {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            return query.value();
        }).build()) {
            assertThat(mediator.sendAsync(new Slow(21))).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(21);
        }
    }

    @Test
    void sendAsyncCompletesExceptionallyWithTheHandlersException() {
        try (Mediator mediator = builder().build()) {
            assertThat(mediator.sendAsync(new Fail())).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class).havingCause()
                    .isExactlyInstanceOf(IllegalArgumentException.class).withMessage("bad");
        }
    }

    @Test
    void sendAsyncUsesVirtualThreadsWhenTheJvmHasThem() throws Exception {
        try (Mediator mediator = Mediator.builder().handler(Slow.class, query -> Thread.currentThread().toString()
                .contains("Virtual") ? 1 : 0).build()) {
            int virtual = mediator.sendAsync(new Slow(0)).get();
            assertThat(virtual).isEqualTo(Runtime.version().feature() >= 21 ? 1 : 0);
        }
    }

    @Test
    void closingTheMediatorLeavesNoThreadOfItsOwn() throws Exception {
        Mediator mediator = builder().build();
        CompletableFuture<?>[] futures = IntStream.range(0, 200).mapToObj(i -> mediator.sendAsync(new Slow(i)))
                .toArray(CompletableFuture<?>[]::new);
        CompletableFuture.allOf(futures).get();
        mediator.close();

        // close() returns once the pool has terminated; a worker thread may still be finishing its exit
        // (alive for a moment after the pool's termination is signalled): join each, bounded, then check.
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("myelin-async-")) {
                thread.join(5_000);
            }
        }
        Set<String> leaked = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.startsWith("myelin-async-")).collect(Collectors.toSet());
        assertThat(leaked).isEmpty();
    }

    @Test
    void suppliedExecutorIsUsedAndNotShutDown() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "app-pool"));
        try {
            try (Mediator mediator = Mediator.builder().executor(executor)
                    .handler(Slow.class, query -> Thread.currentThread().getName().equals("app-pool") ? 1 : 0).build()) {
                assertThat(mediator.sendAsync(new Slow(0)).get()).isEqualTo(1);
            }
            assertThat(executor.isShutdown()).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }
}
