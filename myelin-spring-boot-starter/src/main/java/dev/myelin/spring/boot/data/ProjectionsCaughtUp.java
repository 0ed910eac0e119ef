package dev.myelin.spring.boot.data;

import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLag;
import dev.myelin.spring.boot.startup.StartupTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;

/**
 * The starter's last {@link StartupTask}: waits until every asynchronous projection has caught up with
 * the log as it was when the wait began (after the application's own tasks), so that a ready
 * application answers queries from complete read models. A projection has caught up when nothing is
 * behind its checkpoint, or its checkpoint has reached the head position taken at the start; both are
 * read from the database ({@link ProjectionDaemon#lag}), so a projection applied by another instance
 * counts too. After {@code myelin.projections.startup-wait} it gives up with a warning and lets the
 * application become ready (the projections' health indicator still reports the lag).
 */
final class ProjectionsCaughtUp implements StartupTask, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionsCaughtUp.class);
    private static final long POLL_MILLIS = 25;

    private final ProjectionDaemon daemon;
    private final List<String> projections;
    private final Duration wait;

    ProjectionsCaughtUp(ProjectionDaemon daemon, List<String> projections, Duration wait) {
        this.daemon = daemon;
        this.projections = List.copyOf(projections);
        this.wait = wait;
    }

    @Override
    public void run() throws InterruptedException {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        Map<String, Long> heads = new LinkedHashMap<>();
        for (String projection : projections) {
            heads.put(projection, daemon.lag(projection).head());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> behind = behind(heads);
        while (!behind.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.warn("Projections {} have not caught up with the log within {} ms; the application becomes ready anyway",
                        behind, wait.toMillis());
                return;
            }
            Thread.sleep(POLL_MILLIS);
            behind = behind(heads);
        }
    }

    private List<String> behind(Map<String, Long> heads) {
        List<String> behind = new ArrayList<>();
        heads.forEach((projection, head) -> {
            ProjectionLag lag = daemon.lag(projection);
            if (lag.eventsBehind() > 0 && lag.checkpoint() < head) {
                behind.add(projection);
            }
        });
        return behind;
    }

    /** Lowest precedence: after the application's tasks, whose events it then waits for. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
