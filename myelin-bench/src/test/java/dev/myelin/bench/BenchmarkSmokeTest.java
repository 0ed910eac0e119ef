package dev.myelin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.behaviors.logging.LoggingConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs each benchmark once, outside JMH, so that a broken wiring fails the build rather than a
 * benchmark run. Measures nothing.
 */
class BenchmarkSmokeTest {

    @Test
    void sendBenchmarksReturnTheHandlersResult() {
        SendBenchmark benchmark = new SendBenchmark();
        benchmark.setUp();
        SendBenchmark.BoundContext context = new SendBenchmark.BoundContext();
        context.bind();
        try {
            assertThat(benchmark.sendWithContextBound(context)).isSameAs(OrderReceipt.SHARED);
        } finally {
            context.unbind();
        }
        assertThat(benchmark.directCall()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.sendNoBehavior()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.sendThreeApplicableBehaviors()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.sendThreeApplicableBehaviorsOfOneClass()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.sendThreeNonApplicableBehaviors()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.sendOperationResult().data()).isSameAs(OrderReceipt.SHARED);
        benchmark.tearDown();
    }

    @Test
    void behaviorBenchmarksReturnTheHandlersResult() {
        BehaviorBenchmark benchmark = new BehaviorBenchmark();
        // setUp sends every benchmark's request once and fails if one misses its handler.
        benchmark.setUp();
        assertThat(benchmark.idempotencyAppliesRepeat()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.cachingAppliesHit()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.timeoutApplies()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.loggingAppliesLevelEnabled()).isSameAs(OrderReceipt.SHARED);
        benchmark.tearDown();
    }

    @Test
    void logbackDisablesTheDefaultLoggingLineAndEnablesTheBenchmarksOne() {
        // What the two logging benchmarks claim to measure, as configured by logback.xml.
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("ch.qos.logback");
        assertThat(LoggerFactory.getLogger(LoggingConfig.DEFAULT_LOGGER_NAME).isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger(BehaviorBenchmark.ENABLED_LOGGER).isInfoEnabled()).isTrue();
    }

    @Test
    void publishBenchmarksReachEveryHandler() {
        PublishBenchmark benchmark = new PublishBenchmark();
        benchmark.setUp();
        long direct = benchmark.directCall();
        assertThat(benchmark.publishToOneHandler()).isEqualTo(direct + 1);
        long three = benchmark.publishToThreeHandlers();
        assertThat(benchmark.publishToThreeHandlers()).isEqualTo(three + 3);
        long sameClass = benchmark.publishToThreeHandlersOfOneClass();
        assertThat(benchmark.publishToThreeHandlersOfOneClass()).isEqualTo(sameClass + 3);
        benchmark.tearDown();
    }

    @Test
    void lookupBenchmarksFindTheirValues() {
        LookupBenchmark benchmark = new LookupBenchmark();
        benchmark.setUp();
        assertThat(benchmark.classValueGet()).isNotNull();
        assertThat(benchmark.threadLocalGet()).isNull();
    }

    @Test
    void peerBenchmarksReachTheirHandlers() {
        PeerBenchmark benchmark = new PeerBenchmark();
        benchmark.setUp();
        assertThat(benchmark.pipelinrSendNoMiddleware()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.pipelinrSendThreeMiddlewares()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.springPublishToApplicationListener()).isEqualTo(2);
        assertThat(benchmark.springPublishToEventListener()).isEqualTo(2);
        assertThat(benchmark.axonDispatchCommand()).isEqualTo(3);
        assertThat(benchmark.axonDispatchCommandWithFutureCallback()).isSameAs(OrderReceipt.SHARED);
        assertThat(benchmark.axonQuery()).isSameAs(OrderReceipt.SHARED);
        benchmark.tearDown();
    }

    @Test
    void eventStoreBenchmarksEachWriteOneRowPerCallOnADurableServer() throws Exception {
        EventStoreBenchmark benchmark = new EventStoreBenchmark();
        benchmark.setUp(1);
        try {
            // Each benchmark runs in its own fork, so each gets a fresh writer here. Twelve appends
            // cross a stream boundary: noStream, then exactly(1..9), then a new stream.
            appendTwelveTimes(benchmark, benchmark::myelinAppend);
            appendTwelveTimes(benchmark, writer -> assertThat(benchmark.rawInsert(writer)).isEqualTo(1));
            appendTwelveTimes(benchmark, benchmark::axonAppend);
            appendTwelveTimes(benchmark, benchmark::statementOnlyAppend);
            appendTwelveTimes(benchmark, benchmark::myelinAppendUngrouped);
            assertThat(benchmark.rowCounts()).containsExactly(24, 12, 12, 12);
        } finally {
            benchmark.tearDown();
        }
    }

    private static void appendTwelveTimes(EventStoreBenchmark benchmark, WriterCall call) throws Exception {
        EventStoreBenchmark.Writer writer = new EventStoreBenchmark.Writer();
        writer.setUp(benchmark);
        try {
            for (int i = 0; i < 12; i++) {
                call.run(writer);
            }
        } finally {
            writer.tearDown();
        }
    }

    /** One benchmark call. */
    private interface WriterCall {
        void run(EventStoreBenchmark.Writer writer) throws Exception;
    }

    @Test
    void appendRoundsMeasureEachContenderInEveryRound() throws Exception {
        AppendRounds.Result result = AppendRounds.run(2, 0.05, 1);

        assertThat(result.rates()).hasNumberOfRows(2);
        for (double[] round : result.rates()) {
            assertThat(round).hasSize(3);
            assertThat(Arrays.stream(round).allMatch(rate -> rate > 0)).isTrue();
        }
        assertThat(result.report()).contains("myelinAppend: median of the rounds' ratios: /raw", "rounds ahead: of Axon");
    }

    @Test
    void transactionalAppendBenchmarksEachWriteOneRowPerCallOnADurableServer() throws Exception {
        TransactionalAppendBenchmark benchmark = new TransactionalAppendBenchmark();
        benchmark.setUp(1);
        try {
            appendTwelveTimes(benchmark, benchmark::myelinAppendInSpringTransaction);
            appendTwelveTimes(benchmark, benchmark::myelinAppendInJdbcTransaction);
            appendTwelveTimes(benchmark, writer -> assertThat(benchmark.rawInsertInTransaction(writer)).isEqualTo(1));
            appendTwelveTimes(benchmark, writer -> assertThat(benchmark.rawInsertInSpringTransaction(writer)).isEqualTo(1));
            appendTwelveTimes(benchmark, benchmark::axonAppendInTransaction);
            appendTwelveTimes(benchmark, benchmark::checkedStatementInTransaction);
            appendTwelveTimes(benchmark, benchmark::myelinLoadAndAppendInSpringTransaction);
            appendTwelveTimes(benchmark, benchmark::myelinLoadAndAppendInJdbcTransaction);
            appendTwelveTimes(benchmark, writer -> assertThat(benchmark.rawSelectAndInsertInTransaction(writer)).isEqualTo(1));
            appendTwelveTimes(benchmark, benchmark::axonLoadAndAppendInTransaction);
            assertThat(benchmark.rowCounts()).containsExactly(48, 36, 24, 12);
        } finally {
            benchmark.tearDown();
        }
    }

    private static void appendTwelveTimes(TransactionalAppendBenchmark benchmark, TransactionalCall call) throws Exception {
        TransactionalAppendBenchmark.Writer writer = new TransactionalAppendBenchmark.Writer();
        writer.setUp(benchmark);
        try {
            for (int i = 0; i < 12; i++) {
                call.run(writer);
            }
        } finally {
            writer.tearDown();
        }
    }

    /** One call of a benchmark in a transaction. */
    private interface TransactionalCall {
        void run(TransactionalAppendBenchmark.Writer writer) throws Exception;
    }

    @Test
    void loadAndAppendRoundsMeasureEachContenderInEveryRound() throws Exception {
        AppendRounds.Result result = AppendRounds.runLoadAndAppend(2, 0.05, 1);

        assertThat(result.rates()).hasNumberOfRows(2);
        for (double[] round : result.rates()) {
            assertThat(round).hasSize(4);
            assertThat(Arrays.stream(round).allMatch(rate -> rate > 0)).isTrue();
        }
        assertThat(result.report()).contains("myelinLoadAndAppendInSpringTransaction: median of the rounds' ratios: /raw");
    }

    @Test
    void appendRoundsInTransactionMeasureEachContenderInEveryRound() throws Exception {
        AppendRounds.Result result = AppendRounds.runInTransaction(2, 0.05, 1);

        assertThat(result.rates()).hasNumberOfRows(2);
        for (double[] round : result.rates()) {
            assertThat(round).hasSize(6);
            assertThat(Arrays.stream(round).allMatch(rate -> rate > 0)).isTrue();
        }
        assertThat(result.report()).contains("myelinAppendInSpringTransaction: median of the rounds' ratios: /raw");
    }

    @Test
    void projectionLagRunAppliesEveryEventExactlyOnce() throws Exception {
        ProjectionLagRun.Result result = ProjectionLagRun.run(200, 1, 0);

        assertThat(result.missing()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.lagsMicros()).hasSize(200);
    }
}
