package dev.myelin.bench.baseline;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The baseline's embedded PostgreSQL, under {@code baseline.postgres.*}: the same server as the pizzeria's
 * embedded mode (PostgreSQL 17, {@code EmbeddedPostgresServer}), the same pool size (10).
 *
 * @param dataDirectory the cluster's directory; {@code null} for a temporary one deleted on close
 * @param port the port on localhost, 0 for a free one
 * @param durable {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on; unless set, on
 *     with a data directory (as the pizzeria's embedded mode, always durable) and off without (tests)
 * @param maximumPoolSize HikariCP's pool size
 */
@ConfigurationProperties("baseline.postgres")
record BaselinePostgresProperties(
        @Nullable Path dataDirectory,
        @DefaultValue("0") int port,
        @Nullable Boolean durable,
        @DefaultValue("10") int maximumPoolSize) {
}
