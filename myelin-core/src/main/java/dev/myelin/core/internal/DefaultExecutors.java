package dev.myelin.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mediator's default executor: one virtual thread per task on Java 21 and later (looked up
 * once, so the core still compiles for Java 17), otherwise a bounded pool of daemon threads.
 */
final class DefaultExecutors {

    /** Threads of the fallback pool; generous because handlers usually block on I/O. */
    static final int POOL_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    /** Tasks the fallback pool queues before it rejects (the future then fails). */
    static final int POOL_QUEUE = 10_000;

    private DefaultExecutors() {
    }

    static ExecutorService create() {
        ExecutorService virtual = virtualThreads();
        return virtual != null ? virtual : boundedPool();
    }

    static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    private static ExecutorService virtualThreads() {
        if (!virtualThreadsAvailable()) {
            return null;
        }
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (Throwable unavailable) {
            return null;
        }
    }

    private static ExecutorService boundedPool() {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "myelin-async-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(POOL_QUEUE), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
