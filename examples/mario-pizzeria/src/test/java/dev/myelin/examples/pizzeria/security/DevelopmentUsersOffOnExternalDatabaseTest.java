package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.TestDatabase;
import dev.myelin.spring.boot.data.MyelinEmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code spring.datasource.url} naming an external database, the default
 * {@code pizzeria.security.dev-users=auto} creates no development user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DevelopmentUsersOffOnExternalDatabaseTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectProvider<MyelinEmbeddedPostgres> embedded;

    @Autowired
    InMemoryUserDetailsManager users;

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.useFreshDatabase(registry);
    }

    @Test
    void noDevelopmentUserExistsAndTheirCredentialsGetA401() {
        assertThat(embedded.getIfAvailable()).isNull();
        Http http = new Http(port);
        for (String user : new String[] {"customer", "chef", "driver", "manager"}) {
            assertThat(users.userExists(user)).isFalse();
            assertThat(http.send("GET", "/api/orders", null, Http.basic(user)).isProblem(401)).as(user).isTrue();
        }
    }
}
