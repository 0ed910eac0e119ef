package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.projection.ProjectionDaemon;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the outbox dispatcher and the projection daemon once the context has refreshed, and stops
 * them when it closes. Its phase is below the web server's, so they start before it accepts requests
 * and stop after it has finished the requests in flight. Thread-safe.
 *
 * @since 0.1
 */
public final class DataLifecycle implements SmartLifecycle {

    /**
     * Below Spring Boot's web server lifecycle ({@code DEFAULT_PHASE - 2048}) and graceful shutdown
     * ({@code DEFAULT_PHASE - 1024}): lower phases start earlier and stop later.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final OutboxDispatcher dispatcher;
    private final ProjectionDaemon daemon;
    private final Duration outboxPollInterval;
    private final Duration projectionsPollInterval;
    private volatile boolean running;

    DataLifecycle(OutboxDispatcher dispatcher, ProjectionDaemon daemon, Duration outboxPollInterval,
            Duration projectionsPollInterval) {
        this.dispatcher = dispatcher;
        this.daemon = daemon;
        this.outboxPollInterval = outboxPollInterval;
        this.projectionsPollInterval = projectionsPollInterval;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            dispatcher.start(outboxPollInterval);
            daemon.start(projectionsPollInterval);
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            running = false;
            dispatcher.stop();
            daemon.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
