package dev.myelin.examples.pizzeria.security;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.spring.boot.data.MyelinEmbeddedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * What the two tests of the default {@code pizzeria.security.dev-users=auto} share: the application
 * with its shipped properties (so not the common HTTP test base, which turns the development users on),
 * the real server on a random port, the starter's embedded database if any and the user store. Each
 * subclass chooses the database, hence its own Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DevelopmentUsersAutoHttpTest {

    /** The development users; each one's password is its name. */
    static final String[] DEVELOPMENT_USERS = {"customer", "chef", "driver", "manager"};

    @Autowired
    ObjectProvider<MyelinEmbeddedPostgres> embedded;

    @Autowired
    InMemoryUserDetailsManager users;

    /** The client, connected before each test. */
    Http http;

    @LocalServerPort
    private int port;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }
}
