package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.postgres.PostgresEventStore;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The IDE metadata that spring-boot-configuration-processor generates from the properties classes. */
class ConfigurationMetadataTest {

    @Test
    void metadataOnTheClassPathDescribesEveryDataProperty() throws Exception {
        Map<String, JsonNode> properties = new HashMap<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
                    properties.put(property.get("name").asString(), property);
                }
            }
        }

        assertThat(properties).containsKeys("myelin.postgres.schema", "myelin.postgres.embedded.enabled",
                "myelin.postgres.embedded.data-directory", "myelin.postgres.embedded.port",
                "myelin.postgres.embedded.maximum-pool-size", "myelin.postgres.event-store.group-commit-max-appends",
                "myelin.postgres.event-store.group-commit-max-groups", "myelin.postgres.event-store.known-streams",
                "myelin.outbox.poll-interval", "myelin.outbox.max-attempts",
                "myelin.outbox.dead-letter-threshold", "myelin.outbox.max-backlog-age", "myelin.projections.poll-interval",
                "myelin.projections.max-lag");
        properties.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("myelin.postgres.") || entry.getKey().startsWith("myelin.outbox.")
                        || entry.getKey().startsWith("myelin.projections."))
                .forEach(entry -> assertThat(entry.getValue().path("description").asString())
                        .as(entry.getKey()).isNotBlank());
        assertThat(properties.get("myelin.outbox.poll-interval").get("defaultValue").asString()).isEqualTo("1s");
        assertThat(properties.get("myelin.postgres.schema").get("defaultValue").asString()).isEqualTo("myelin");
        assertThat(properties.get("myelin.postgres.event-store.group-commit-max-appends").path("defaultValue").asInt())
                .isEqualTo(PostgresEventStore.DEFAULT_GROUP_COMMIT_APPENDS);
        assertThat(properties.get("myelin.postgres.event-store.group-commit-max-groups").path("defaultValue").asInt())
                .isEqualTo(PostgresEventStore.DEFAULT_GROUP_COMMIT_GROUPS);
        assertThat(properties.get("myelin.postgres.event-store.known-streams").path("defaultValue").asInt())
                .isEqualTo(PostgresEventStore.DEFAULT_KNOWN_STREAMS);
    }
}
