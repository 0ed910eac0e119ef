package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.core.EventHandler;
import dev.myelin.core.Mediator;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.projection.Projection;
import dev.myelin.postgres.PostgresEventStore;
import dev.myelin.spring.boot.MediatorAutoConfiguration;
import dev.myelin.spring.boot.behaviors.BehaviorsAutoConfiguration;
import dev.myelin.spring.boot.data.PizzaDomain.Kitchen;
import dev.myelin.spring.boot.data.PizzaDomain.OrderPizza;
import dev.myelin.spring.boot.data.PizzaDomain.PizzaOrdered;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class DataHealthTest {

    @TempDir
    Path dataDirectory;

    /** A handler that always fails, and a projection that always fails. */
    @Configuration(proxyBeanMethods = false)
    static class Failing {
        @Bean
        EventHandler<PizzaOrdered> brokenHandler() {
            return event -> {
                throw new IllegalStateException("the printer is on fire");
            };
        }

        @Bean
        Projection stuckProjection() {
            return new Projection() {
                @Override
                public void apply(dev.myelin.data.events.StoredEvent event) {
                    throw new IllegalStateException("stuck");
                }

                @Override
                public String name() {
                    return "Stuck";
                }
            };
        }
    }

    /** A projection that throws an Error while {@link #broken} is set. */
    @Configuration(proxyBeanMethods = false)
    static class Erroring {
        static volatile boolean broken = true;

        @Bean
        Projection erroringProjection() {
            return new Projection() {
                @Override
                public void apply(dev.myelin.data.events.StoredEvent event) {
                    if (broken) {
                        throw new AssertionError("read model corrupt");
                    }
                }

                @Override
                public String name() {
                    return "Erroring";
                }
            };
        }
    }

    @Test
    void anErrorInABackgroundRoundTurnsProjectionsDownWithTheCauseAndTheThreadGoesOn() {
        Erroring.broken = true;
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataAutoConfiguration.class,
                        DataObservabilityAutoConfiguration.class, FlywayAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
                        MediatorAutoConfiguration.class, BehaviorsAutoConfiguration.class))
                .withUserConfiguration(PizzaDomain.Application.class, Erroring.class)
                .withPropertyValues("myelin.postgres.embedded.data-directory=" + dataDirectory,
                        "myelin.projections.poll-interval=100ms")
                .run(context -> {
                    ProjectionsHealthIndicator projections = context.getBean(ProjectionsHealthIndicator.class);
                    context.getBean(Mediator.class).send(new OrderPizza("p1", "diavola"));

                    await().atMost(Duration.ofSeconds(10)).until(() -> projections.health().getStatus().equals(Status.DOWN)
                            && projections.health().getDetails().containsKey("error"));
                    assertThat(projections.health().getDetails().get("error"))
                            .isEqualTo("java.lang.AssertionError: read model corrupt");

                    // The thread survived the Error: once the cause is gone, its next round applies the event.
                    Erroring.broken = false;
                    await().atMost(Duration.ofSeconds(10)).until(() -> projections.health().getStatus().equals(Status.UP));
                    assertThat(projections.health().getDetails()).doesNotContainKey("error");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> erroring = (Map<String, Object>) projections.health().getDetails().get("Erroring");
                    assertThat(erroring).containsEntry("eventsBehind", 0L);
                });
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataAutoConfiguration.class,
                        DataObservabilityAutoConfiguration.class, FlywayAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
                        MediatorAutoConfiguration.class, BehaviorsAutoConfiguration.class))
                .withUserConfiguration(PizzaDomain.Application.class, Failing.class)
                .withPropertyValues("myelin.postgres.embedded.data-directory=" + dataDirectory,
                        "myelin.outbox.max-attempts=1", "myelin.projections.max-lag=50ms",
                        "myelin.outbox.poll-interval=30s", "myelin.projections.poll-interval=30s",
                        "myelin.projections.retry.first-delay=7s");
    }

    @Test
    void deadLetterAndStuckProjectionTurnTheirIndicatorsDownWhileTheOutboxBacklogStaysUp() {
        runner().run(context -> {
            DeadLettersHealthIndicator deadLetters = context.getBean(DeadLettersHealthIndicator.class);
            ProjectionsHealthIndicator projections = context.getBean(ProjectionsHealthIndicator.class);
            OutboxHealthIndicator outbox = context.getBean(OutboxHealthIndicator.class);
            assertThat(deadLetters.health().getStatus()).isEqualTo(Status.UP);
            assertThat(projections.health().getStatus()).isEqualTo(Status.UP);
            assertThat(outbox.health().getStatus()).isEqualTo(Status.UP);

            context.getBean(Mediator.class).send(new OrderPizza("p1", "diavola"));

            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.health().getStatus().equals(Status.DOWN));
            assertThat(deadLetters.health().getDetails()).containsEntry("deadLetters", 1L);
            await().atMost(Duration.ofSeconds(10)).until(() -> projections.health().getStatus().equals(Status.DOWN));
            Health lagging = projections.health();
            @SuppressWarnings("unchecked")
            Map<String, Object> stuck = (Map<String, Object>) lagging.getDetails().get("Stuck");
            assertThat(stuck).containsEntry("eventsBehind", 1L);
            await().atMost(Duration.ofSeconds(10)).until(() -> projections.health().getDetails().containsKey("retrying"));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> retrying = (Map<String, Map<String, Object>>) projections.health().getDetails()
                    .get("retrying");
            assertThat(retrying).containsOnlyKeys("Stuck");
            assertThat(retrying.get("Stuck")).containsEntry("failures", 1)
                    .containsEntry("error", "java.lang.IllegalStateException: stuck");
            assertThat(Instant.parse((String) retrying.get("Stuck").get("retryAt")))
                    .as("myelin.projections.retry.first-delay").isAfter(Instant.now().plusSeconds(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> ((Map<?, ?>) projections.health().getDetails()
                    .get("PizzaListProjection")).get("eventsBehind").equals(0L));
            assertThat(outbox.health().getStatus()).isEqualTo(Status.UP);
            assertThat(outbox.health().getDetails()).containsEntry("pending", 0L);
            assertThat(context.getBean(Kitchen.class).received).hasSize(1);
        });
    }

    @Test
    void gaugesReportOutboxAndPerProjectionLag() {
        runner().run(context -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(DataMetrics.class).bindTo(registry);

            context.getBean(Mediator.class).send(new OrderPizza("p1", "diavola"));

            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("myelin.outbox.dead_letters").gauge().value() == 1);
            assertThat(registry.get("myelin.outbox.pending").gauge().value()).isZero();
            assertThat(registry.get("myelin.outbox.oldest_pending_age").gauge().value()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("myelin.projection.lag.events")
                    .tag("projection", "PizzaListProjection").gauge().value() == 0);
            assertThat(registry.get("myelin.projection.lag.events").tag("projection", "Stuck").gauge().value()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("myelin.projection.failures")
                    .tag("projection", "Stuck").gauge().value() >= 1);
            assertThat(registry.get("myelin.projection.failures").tag("projection", "PizzaListProjection").gauge().value())
                    .isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("myelin.projection.lag.ms")
                    .tag("projection", "Stuck").gauge().value() > 0);

            // Appends outside a transaction are counted with the transactions that wrote them.
            PostgresEventStore store = context.getBean(DataAutoConfiguration.POSTGRES_EVENT_STORE, PostgresEventStore.class);
            double appends = registry.get("myelin.event_store.auto_commit.appends").functionCounter().count();
            double transactions = registry.get("myelin.event_store.auto_commit.transactions").functionCounter().count();
            store.append("Pizza-metrics", ExpectedVersion.noStream(), List.of(new PizzaOrdered("m", "diavola")),
                    EventMetadata.empty());
            assertThat(registry.get("myelin.event_store.auto_commit.appends").functionCounter().count()).isEqualTo(appends + 1);
            assertThat(registry.get("myelin.event_store.auto_commit.transactions").functionCounter().count())
                    .isEqualTo(transactions + 1);
        });
    }
}
