package dev.myelin.data.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

    @Test
    void givenARoundThatThrowsAnError_whenTheLoopGoesOn_thenTheErrorIsReportedAndTheNextRoundsRun() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StackOverflowError error = new StackOverflowError("deep handler");
        try (BackgroundLoop loop = BackgroundLoop.start("test-loop", () -> {
            int round = rounds.incrementAndGet();
            if (round == 1) {
                failed.countDown();
                throw error;
            }
            if (round == 2) {
                awaitQuietly(release);
            }
            return false;
        }, Duration.ofMillis(20))) {
            assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
            // Round 2 is held open: the failure of round 1 is what the loop reports meanwhile.
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 2);
            assertThat(loop.failure()).isSameAs(error);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 3);
            assertThat(loop.failure()).isNull();
        }
    }

    @Test
    void givenARoundThatThrowsARuntimeException_thenNoFailureIsReportedAndTheLoopGoesOn() {
        AtomicInteger rounds = new AtomicInteger();
        try (BackgroundLoop loop = BackgroundLoop.start("test-loop", () -> {
            rounds.incrementAndGet();
            throw new IllegalStateException("database away");
        }, Duration.ofMillis(10))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 3);
            assertThat(loop.failure()).isNull();
        }
    }

    @Test
    void givenABatchWindow_whenWokenRightAfterARound_thenTheNextRoundWaitsForTheWindowAndCloseEndsTheWait() {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundLoop loop = BackgroundLoop.start("test-loop", () -> {
            rounds.incrementAndGet();
            return false;
        }, Duration.ofHours(1), Duration.ofHours(1));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 1);
            for (int i = 0; i < 50; i++) {
                loop.wakeUp();
            }
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> rounds.get() == 1);
        } finally {
            long closing = System.nanoTime();
            loop.close();
            // The window's wait ends with close, not after the hour (close would give up on the thread after 10 s).
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(rounds.get()).as("no round after close").isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
