package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code spring.datasource.url} naming an external database, the default
 * {@code pizzeria.security.dev-users=auto} creates no development user.
 */
class DevelopmentUsersOffOnExternalDatabaseTest extends DevelopmentUsersAutoHttpTest {

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.useFreshDatabase(registry);
    }

    @Test
    void noDevelopmentUserExistsAndTheirCredentialsGetA401() {
        assertThat(embedded.getIfAvailable()).isNull();
        for (String user : DEVELOPMENT_USERS) {
            assertThat(users.userExists(user)).isFalse();
            assertThat(http.send("GET", "/api/orders", null, Http.basic(user)).isProblem(401)).as(user).isTrue();
        }
    }
}
