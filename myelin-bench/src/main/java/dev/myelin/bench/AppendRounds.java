package dev.myelin.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Appends per second with ONE writer — Myelin, the raw-insert floor and Axon — measured in short
 * alternating rounds, so that the contenders are compared under the same machine conditions.
 *
 * <p>Why next to {@link EventStoreBenchmark}: with one writer each append waits for its own WAL flush,
 * and on a shared VM the flush latency drifts by ±25 % within seconds; JMH runs one benchmark after
 * the other, so a drift between them reads as a difference between them. Here the contenders take
 * turns, round after round (rotating which goes first), on ONE embedded durable PostgreSQL and one pool,
 * exactly as the JMH benchmark sets them up (same rows, same methods, each with its own writer and
 * streams). Two sets:
 * <ul>
 *   <li>{@code auto} (the default): {@link EventStoreBenchmark}'s auto-commit {@code myelinAppend},
 *       {@code rawInsert} and {@code axonAppend};
 *   <li>{@code tx}: {@link TransactionalAppendBenchmark}'s appends inside a transaction,
 *       {@code myelinAppendInSpringTransaction}, {@code myelinAppendInJdbcTransaction},
 *       {@code rawInsertInTransaction} (the floor), {@code axonAppendInTransaction} (the peer) and the
 *       diagnostic {@code rawInsertInSpringTransaction};
 *   <li>{@code tx-load}: its load and append in one transaction, {@code myelinLoadAndAppendInSpringTransaction},
 *       {@code myelinLoadAndAppendInJdbcTransaction}, {@code rawSelectAndInsertInTransaction} (the floor) and
 *       {@code axonLoadAndAppendInTransaction} (the peer).
 * </ul>
 * A round's ratios (each Myelin contender ÷ the floor and ÷ Axon) compare appends made seconds apart;
 * the summary gives the median of those paired ratios, the median rates, and in how many rounds each
 * was ahead.
 *
 * <p>Arguments (all optional): measured rounds (30), seconds per contender per round (2), warm-up
 * rounds (3, not counted), set ({@code auto}). Run by {@code myelin-bench/run-event-store.sh}, or
 * {@code java -cp myelin-bench/target/benchmarks.jar dev.myelin.bench.AppendRounds 30 2 3 tx}.
 *
 * @since 0.1
 */
public final class AppendRounds {

    private AppendRounds() {
    }

    /**
     * Runs the rounds and prints each round and the summary.
     *
     * @param args rounds, seconds per contender per round, warm-up rounds, set ({@code auto}, {@code tx} or
     *     {@code tx-load})
     * @throws Exception when the server or an append fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String set = args.length > 3 ? args[3] : "auto";
        Result result = switch (set) {
            case "tx" -> runInTransaction(rounds, seconds, warmUp);
            case "tx-load" -> runLoadAndAppend(rounds, seconds, warmUp);
            default -> run(rounds, seconds, warmUp);
        };
        System.out.println(result.report());
    }

    /** One contender's appends. */
    private record Contender(String name, Call call) {
    }

    @FunctionalInterface
    private interface Call {
        void append() throws Exception;
    }

    /**
     * Appends per second of each round.
     *
     * @param names the contenders, in the order of each round's rates
     * @param rates {@code rates[round][contender]}
     * @param floor the index of the raw insert
     * @param peer the index of Axon
     */
    record Result(String[] names, double[][] rates, int floor, int peer) {

        double medianRate(int contender) {
            return median(Arrays.stream(rates).mapToDouble(round -> round[contender]).toArray());
        }

        double medianRatio(int contender, int to) {
            return median(Arrays.stream(rates).mapToDouble(round -> round[contender] / round[to]).toArray());
        }

        long roundsAhead(int contender, int of) {
            return Arrays.stream(rates).filter(round -> round[contender] > round[of]).count();
        }

        String report() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%-6s", "round"));
            for (String name : names) {
                out.append(String.format(Locale.ROOT, " %12s", abbreviate(name)));
            }
            out.append(String.format(Locale.ROOT, " %8s %8s%n", "M/raw", "M/Axon"));
            for (int i = 0; i < rates.length; i++) {
                double[] round = rates[i];
                out.append(String.format(Locale.ROOT, "%-6d", i + 1));
                for (double rate : round) {
                    out.append(String.format(Locale.ROOT, " %12.0f", rate));
                }
                out.append(String.format(Locale.ROOT, " %8.3f %8.3f%n", round[0] / round[floor], round[0] / round[peer]));
            }
            out.append("median appends/s:");
            for (int c = 0; c < names.length; c++) {
                out.append(String.format(Locale.ROOT, " %s %.0f%s", names[c], medianRate(c), c + 1 < names.length ? "," : ""));
            }
            out.append(System.lineSeparator());
            for (int c = 0; c < names.length; c++) {
                if (c == floor || c == peer) {
                    continue;
                }
                out.append(String.format(Locale.ROOT,
                        "%s: median of the rounds' ratios: /raw %.3f, /Axon %.3f; rounds ahead: of Axon %d/%d, of raw %d/%d%n",
                        names[c], medianRatio(c, floor), medianRatio(c, peer), roundsAhead(c, peer), rates.length,
                        roundsAhead(c, floor), rates.length));
            }
            out.append(String.format(Locale.ROOT, "Axon/raw: median of the rounds' ratios %.3f%n", medianRatio(peer, floor)));
            return out.toString();
        }

        private static String abbreviate(String name) {
            return name.length() <= 12 ? name : name.substring(0, 12);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /**
     * Starts the server, runs the rounds of the auto-commit set, stops it.
     *
     * @param rounds rounds measured, 1 or more
     * @param seconds each contender's time in a round
     * @param warmUp rounds run first and not counted
     * @return the measured rates: Myelin, raw, Axon
     * @throws Exception when the server or an append fails
     */
    static Result run(int rounds, double seconds, int warmUp) throws Exception {
        EventStoreBenchmark benchmark = new EventStoreBenchmark();
        // A pool sized for 3 threads: each contender's writer holds one connection, the stores take others.
        benchmark.setUp(3);
        List<EventStoreBenchmark.Writer> writers = new ArrayList<>();
        try {
            EventStoreBenchmark.Writer myelin = writer(benchmark, writers);
            EventStoreBenchmark.Writer raw = writer(benchmark, writers);
            EventStoreBenchmark.Writer axon = writer(benchmark, writers);
            List<Contender> contenders = List.of(
                    new Contender("myelinAppend", () -> benchmark.myelinAppend(myelin)),
                    new Contender("rawInsert", () -> benchmark.rawInsert(raw)),
                    new Contender("axonAppend", () -> benchmark.axonAppend(axon)));
            return rounds(contenders, rounds, seconds, warmUp, 1, 2);
        } finally {
            for (EventStoreBenchmark.Writer writer : writers) {
                writer.tearDown();
            }
            benchmark.tearDown();
        }
    }

    /**
     * Starts the server, runs the rounds of the in-transaction set, stops it.
     *
     * @param rounds rounds measured, 1 or more
     * @param seconds each contender's time in a round
     * @param warmUp rounds run first and not counted
     * @return the measured rates: Myelin (Spring), Myelin (JDBC runner), raw, Axon, raw in Spring's transaction,
     *     checked statement
     * @throws Exception when the server or an append fails
     */
    static Result runInTransaction(int rounds, double seconds, int warmUp) throws Exception {
        // A pool of 11: each of the 6 writers holds one for the raw insert; the runners and notifiers take the others.
        return inTransaction(5, rounds, seconds, warmUp, 2, 3, List.of(
                new Step("myelinAppendInSpringTransaction", TransactionalAppendBenchmark::myelinAppendInSpringTransaction),
                new Step("myelinAppendInJdbcTransaction", TransactionalAppendBenchmark::myelinAppendInJdbcTransaction),
                new Step("rawInsertInTransaction", TransactionalAppendBenchmark::rawInsertInTransaction),
                new Step("axonAppendInTransaction", TransactionalAppendBenchmark::axonAppendInTransaction),
                new Step("rawInsertInSpringTransaction", TransactionalAppendBenchmark::rawInsertInSpringTransaction),
                new Step("checkedStatementInTransaction", TransactionalAppendBenchmark::checkedStatementInTransaction)));
    }

    /**
     * Starts the server, runs the rounds of the load-and-append set, stops it.
     *
     * @param rounds rounds measured, 1 or more
     * @param seconds each contender's time in a round
     * @param warmUp rounds run first and not counted
     * @return the measured rates: Myelin (Spring), Myelin (JDBC runner), raw select and insert, Axon
     * @throws Exception when the server or an append fails
     */
    static Result runLoadAndAppend(int rounds, double seconds, int warmUp) throws Exception {
        // A pool of 9: each of the 4 writers holds one for the raw statements; the runners and notifiers take the others.
        return inTransaction(4, rounds, seconds, warmUp, 2, 3, List.of(
                new Step("myelinLoadAndAppendInSpringTransaction",
                        TransactionalAppendBenchmark::myelinLoadAndAppendInSpringTransaction),
                new Step("myelinLoadAndAppendInJdbcTransaction",
                        TransactionalAppendBenchmark::myelinLoadAndAppendInJdbcTransaction),
                new Step("rawSelectAndInsertInTransaction", TransactionalAppendBenchmark::rawSelectAndInsertInTransaction),
                new Step("axonLoadAndAppendInTransaction", TransactionalAppendBenchmark::axonLoadAndAppendInTransaction)));
    }

    /** One {@link TransactionalAppendBenchmark} method, run by a writer of its own. */
    private record Step(String name, StepCall call) {
    }

    @FunctionalInterface
    private interface StepCall {
        void append(TransactionalAppendBenchmark benchmark, TransactionalAppendBenchmark.Writer writer) throws Exception;
    }

    /** Starts the server with a pool for {@code threads}, gives each step a writer, runs the rounds, stops it. */
    private static Result inTransaction(int threads, int rounds, double seconds, int warmUp, int floor, int peer,
            List<Step> steps) throws Exception {
        TransactionalAppendBenchmark benchmark = new TransactionalAppendBenchmark();
        benchmark.setUp(threads);
        List<TransactionalAppendBenchmark.Writer> writers = new ArrayList<>();
        try {
            List<Contender> contenders = new ArrayList<>();
            for (Step step : steps) {
                TransactionalAppendBenchmark.Writer writer = writer(benchmark, writers);
                contenders.add(new Contender(step.name(), () -> step.call().append(benchmark, writer)));
            }
            return rounds(contenders, rounds, seconds, warmUp, floor, peer);
        } finally {
            for (TransactionalAppendBenchmark.Writer writer : writers) {
                writer.tearDown();
            }
            benchmark.tearDown();
        }
    }

    private static Result rounds(List<Contender> contenders, int rounds, double seconds, int warmUp, int floor, int peer)
            throws Exception {
        long nanos = (long) (seconds * 1e9);
        double[][] rates = new double[rounds][contenders.size()];
        for (int round = -warmUp; round < rounds; round++) {
            for (int turn = 0; turn < contenders.size(); turn++) {
                int index = Math.floorMod(round + turn, contenders.size());
                double rate = appendFor(contenders.get(index), nanos);
                if (round >= 0) {
                    rates[round][index] = rate;
                }
            }
        }
        return new Result(contenders.stream().map(Contender::name).toArray(String[]::new), rates, floor, peer);
    }

    private static EventStoreBenchmark.Writer writer(EventStoreBenchmark benchmark, List<EventStoreBenchmark.Writer> writers)
            throws Exception {
        EventStoreBenchmark.Writer writer = new EventStoreBenchmark.Writer();
        writer.setUp(benchmark);
        writers.add(writer);
        return writer;
    }

    private static TransactionalAppendBenchmark.Writer writer(TransactionalAppendBenchmark benchmark,
            List<TransactionalAppendBenchmark.Writer> writers) throws Exception {
        TransactionalAppendBenchmark.Writer writer = new TransactionalAppendBenchmark.Writer();
        writer.setUp(benchmark);
        writers.add(writer);
        return writer;
    }

    private static double appendFor(Contender contender, long nanos) throws Exception {
        long start = System.nanoTime();
        long end = start + nanos;
        long appends = 0;
        long now;
        do {
            contender.call().append();
            appends++;
            now = System.nanoTime();
        } while (now < end);
        return appends * 1e9 / (now - start);
    }
}
