package dev.myelin.bench.baseline;

import com.zaxxer.hikari.HikariDataSource;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded PostgreSQL 17 with the durability the pizzeria's embedded mode has and a HikariCP
 * pool on it; the server stops after the pool when the context closes.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final String DATABASE = "postgres";

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(BaselinePostgresProperties properties) {
        EmbeddedPostgresServer.Builder builder = EmbeddedPostgresServer.builder()
                .port(properties.port())
                .shutdownHook(false);
        if (properties.dataDirectory() != null) {
            builder.dataDirectory(properties.dataDirectory().toAbsolutePath().normalize());
        }
        if (properties.durable() != null) {
            builder.durable(properties.durable());
        }
        return builder.start();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgresServer server, BaselinePostgresProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("baseline");
        dataSource.setJdbcUrl(server.jdbcUrl(DATABASE));
        dataSource.setUsername(EmbeddedPostgresServer.USER);
        dataSource.setMaximumPoolSize(properties.maximumPoolSize());
        return dataSource;
    }
}
