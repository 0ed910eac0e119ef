package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    record Add(long amount) implements Command<Long> {
    }

    record Added(long amount) implements Event {
    }

    /** A subtype first seen concurrently by many threads: its chain is composed lazily. */
    interface Tagged extends Command<Long> {
    }

    record TaggedAdd(long amount) implements Tagged {
    }

    @Test
    void manyThreadsSendAndPublishAtOnceWithoutLosingAnything() throws Exception {
        AtomicLong total = new AtomicLong();
        LongAdder events = new LongAdder();
        LongAdder wrapped = new LongAdder();
        int threads = 8;
        int perThread = 20_000;
        Mediator[] holder = new Mediator[1];
        try (Mediator mediator = Mediator.builder()
                .handler(Add.class, command -> {
                    long now = total.addAndGet(command.amount());
                    holder[0].publish(new Added(command.amount()));
                    return now;
                })
                .handler(Tagged.class, command -> total.addAndGet(((TaggedAdd) command).amount()))
                .eventHandler(Added.class, event -> events.increment())
                .behavior(Command.class, (request, next) -> {
                    wrapped.increment();
                    return next.invoke(request);
                })
                .build()) {
            holder[0] = mediator;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        mediator.send(i % 2 == 0 ? new Add(1) : new TaggedAdd(1));
                        mediator.publish(new Added(0));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
        }
        long requests = (long) threads * perThread;
        assertThat(total.get()).isEqualTo(requests);
        assertThat(wrapped.sum()).isEqualTo(requests);
        assertThat(events.sum()).isEqualTo(requests + requests / 2);
    }
}
