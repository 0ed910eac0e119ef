package dev.myelin.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Appends per second with ONE writer — Myelin, the raw-insert floor and Axon — measured in short
 * alternating rounds, so that the three are compared under the same machine conditions.
 *
 * <p>Why next to {@link EventStoreBenchmark}: with one writer each append waits for its own WAL flush,
 * and on a shared VM the flush latency drifts by ±25 % within seconds; JMH runs one benchmark after
 * the other, so a drift between them reads as a difference between them. Here the contenders take
 * turns, round after round (rotating which goes first), on ONE embedded durable PostgreSQL and one pool,
 * exactly as {@link EventStoreBenchmark} sets them up (same rows, same methods: {@code myelinAppend},
 * {@code rawInsert}, {@code axonAppend}, each with its own writer and streams). A round's ratio
 * (Myelin ÷ Axon, Myelin ÷ raw) compares appends made seconds apart; the summary gives the median of
 * those paired ratios, the median rates, and in how many rounds Myelin was ahead.
 *
 * <p>Arguments (all optional): measured rounds (30), seconds per contender per round (2), warm-up
 * rounds (3, not counted). Run by {@code myelin-bench/run-event-store.sh}, or
 * {@code java -cp myelin-bench/target/benchmarks.jar dev.myelin.bench.AppendRounds 30 2 3}.
 *
 * @since 0.1
 */
public final class AppendRounds {

    private AppendRounds() {
    }

    /**
     * Runs the rounds and prints each round and the summary.
     *
     * @param args rounds, seconds per contender per round, warm-up rounds
     * @throws Exception when the server or an append fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Result result = run(rounds, seconds, warmUp);
        System.out.println(result.report());
    }

    /** One contender's appends: a benchmark method bound to its own writer. */
    private record Contender(String name, Call call, EventStoreBenchmark.Writer writer) {
    }

    @FunctionalInterface
    private interface Call {
        void append(EventStoreBenchmark.Writer writer) throws Exception;
    }

    /**
     * Appends per second of each round, in the order Myelin, raw, Axon.
     *
     * @param rates {@code rates[round][contender]}
     */
    record Result(double[][] rates) {

        static final String[] NAMES = {"myelinAppend", "rawInsert", "axonAppend"};

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
            out.append(String.format(Locale.ROOT, "%-6s %12s %12s %12s %8s %8s%n", "round", NAMES[0], NAMES[1], NAMES[2],
                    "M/raw", "M/Axon"));
            for (int i = 0; i < rates.length; i++) {
                double[] round = rates[i];
                out.append(String.format(Locale.ROOT, "%-6d %12.0f %12.0f %12.0f %8.3f %8.3f%n", i + 1, round[0], round[1],
                        round[2], round[0] / round[1], round[0] / round[2]));
            }
            out.append(String.format(Locale.ROOT, "median appends/s: Myelin %.0f, raw %.0f, Axon %.0f%n", medianRate(0),
                    medianRate(1), medianRate(2)));
            out.append(String.format(Locale.ROOT,
                    "median of the rounds' ratios: Myelin/raw %.3f, Myelin/Axon %.3f, Axon/raw %.3f%n",
                    medianRatio(0, 1), medianRatio(0, 2), medianRatio(2, 1)));
            out.append(String.format(Locale.ROOT, "rounds with Myelin ahead: of Axon %d/%d, of raw %d/%d%n",
                    roundsAhead(0, 2), rates.length, roundsAhead(0, 1), rates.length));
            return out.toString();
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /**
     * Starts the server, runs the rounds, stops it.
     *
     * @param rounds rounds measured, 1 or more
     * @param seconds each contender's time in a round
     * @param warmUp rounds run first and not counted
     * @return the measured rates
     * @throws Exception when the server or an append fails
     */
    static Result run(int rounds, double seconds, int warmUp) throws Exception {
        EventStoreBenchmark benchmark = new EventStoreBenchmark();
        // A pool sized for 3 threads: each contender's writer holds one connection, the stores take others.
        benchmark.setUp(Result.NAMES.length);
        List<Contender> contenders = new ArrayList<>();
        try {
            contenders.add(new Contender(Result.NAMES[0], benchmark::myelinAppend, writer(benchmark)));
            contenders.add(new Contender(Result.NAMES[1], benchmark::rawInsert, writer(benchmark)));
            contenders.add(new Contender(Result.NAMES[2], benchmark::axonAppend, writer(benchmark)));
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
            return new Result(rates);
        } finally {
            for (Contender contender : contenders) {
                contender.writer().tearDown();
            }
            benchmark.tearDown();
        }
    }

    private static EventStoreBenchmark.Writer writer(EventStoreBenchmark benchmark) throws Exception {
        EventStoreBenchmark.Writer writer = new EventStoreBenchmark.Writer();
        writer.setUp(benchmark);
        return writer;
    }

    private static double appendFor(Contender contender, long nanos) throws Exception {
        long start = System.nanoTime();
        long end = start + nanos;
        long appends = 0;
        long now;
        do {
            contender.call().append(contender.writer());
            appends++;
            now = System.nanoTime();
        } while (now < end);
        return appends * 1e9 / (now - start);
    }
}
