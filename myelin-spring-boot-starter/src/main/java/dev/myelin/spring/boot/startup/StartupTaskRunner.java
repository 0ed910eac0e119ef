package dev.myelin.spring.boot.startup;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Runs the {@link StartupTask} beans in order, before any other runner and so before Spring Boot
 * turns readiness to {@code ACCEPTING_TRAFFIC}.
 */
final class StartupTaskRunner implements ApplicationRunner, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTaskRunner.class);

    private final ObjectProvider<StartupTask> tasks;

    StartupTaskRunner(ObjectProvider<StartupTask> tasks) {
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        List<StartupTask> ordered = tasks.orderedStream().toList();
        long started = System.nanoTime();
        for (StartupTask task : ordered) {
            task.run();
        }
        if (!ordered.isEmpty()) {
            LOG.info("Startup tasks done in {} ms ({} tasks); the application is about to accept traffic",
                    (System.nanoTime() - started) / 1_000_000, ordered.size());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
