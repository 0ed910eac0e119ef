package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On the starter's embedded database (the README's command, {@code spring.datasource.url} unset) the
 * development users {@code customer}, {@code chef}, {@code driver} and {@code manager} exist with the
 * default {@code pizzeria.security.dev-users=auto}. The embedded server keeps its data in a JUnit
 * temporary directory here, deleted after the class.
 */
@DirtiesContext
class DevelopmentUsersOnEmbeddedDatabaseTest extends DevelopmentUsersAutoHttpTest {

    /** Deleted after the class, once @DirtiesContext has closed the context and stopped PostgreSQL. */
    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void embeddedDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("myelin.postgres.embedded.data-directory", () -> directory.resolve("postgres").toString());
    }

    @Test
    void theFourUsersSignInWithTheirNameAsPassword() {
        assertThat(embedded.getIfAvailable()).isNotNull();
        for (String user : DEVELOPMENT_USERS) {
            assertThat(users.userExists(user)).isTrue();
            String own = user.equals("driver") ? "/api/delivery" : "/api/orders";
            assertThat(http.send("GET", own, null, Http.basic(user)).status()).as(user).isEqualTo(200);
        }
        assertThat(http.send("GET", "/api/kitchen/queue", null, Http.basic("chef")).status()).isEqualTo(200);
    }
}
