package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.myelin.postgres.embedded.EmbeddedPostgresServer;
import dev.myelin.test.MyelinPostgresTest;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@MyelinPostgresTest
class EmbeddedPostgresAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataAutoConfiguration.class,
                    DataSourceAutoConfiguration.class))
            .withUserConfiguration(DevelopmentOnly.class);

    /** An application configuration with a bean for the embedded database only, as development users. */
    @Configuration(proxyBeanMethods = false)
    static class DevelopmentOnly {
        @Bean
        @ConditionalOnEmbeddedPostgres
        String developmentUsers() {
            return "customer, chef, driver, manager";
        }
    }

    @Test
    void withoutUrlRunsDurableEmbeddedPostgresInTheConfiguredDirectoryAndKeepsDataAcrossRestarts(@TempDir Path directory) {
        ApplicationContextRunner embedded = runner.withPropertyValues(
                "myelin.postgres.embedded.data-directory=" + directory.resolve("pg"));
        embedded.run(context -> {
            assertThat(context).hasSingleBean(MyelinEmbeddedPostgres.class);
            assertThat(context).hasBean("developmentUsers");
            assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show full_page_writes", String.class)).isEqualTo("on");
            assertThat(Path.of(jdbc.queryForObject("show data_directory", String.class)).toRealPath())
                    .isEqualTo(directory.resolve("pg").toRealPath());
            jdbc.execute("create table kept (value text)");
            jdbc.update("insert into kept values ('before restart')");
        });
        embedded.run(context -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("select value from kept", String.class)).isEqualTo("before restart");
        });
    }

    @Test
    void extraServerSettingsApplyButDurabilityCannotBeTurnedOff(@TempDir Path directory) {
        ApplicationContextRunner embedded = runner.withPropertyValues(
                "myelin.postgres.embedded.data-directory=" + directory.resolve("pg"),
                "myelin.postgres.embedded.settings.shared_preload_libraries=pg_stat_statements",
                "myelin.postgres.embedded.settings.work_mem=8MB");
        embedded.run(context -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("show work_mem", String.class)).isEqualTo("8MB");
            jdbc.execute("create extension if not exists pg_stat_statements");
            assertThat(jdbc.queryForObject("select count(*) >= 0 from pg_stat_statements", Boolean.class)).isTrue();
        });
        embedded.withPropertyValues("myelin.postgres.embedded.settings.fsync=off").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("always durable"));
    }

    @Test
    void backsOffWhenTheDatasourceUrlIsSet(EmbeddedPostgresServer server) {
        server.createDatabase("starter_external");
        runner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl("starter_external"),
                "spring.datasource.username=" + EmbeddedPostgresServer.USER).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(MyelinEmbeddedPostgres.class);
                    assertThat(context).doesNotHaveBean("developmentUsers");
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo("starter_external");
                    assertThat(jdbc.queryForObject("select count(*) from myelin.events", Long.class)).isZero();
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesADataSource(DataSource dataSource) {
        runner.withBean("appDataSource", DataSource.class, () -> dataSource).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MyelinEmbeddedPostgres.class);
            assertThat(context.getBean(DataSource.class)).isSameAs(dataSource);
        });
    }
}
