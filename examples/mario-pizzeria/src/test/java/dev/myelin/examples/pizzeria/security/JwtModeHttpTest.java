package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import dev.myelin.examples.pizzeria.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OAuth2 resource-server mode ({@code pizzeria.security.mode=jwt}): bearer tokens signed by the
 * configured key (a key pair made for this test; the public key is given through
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, so no network), roles from
 * the {@code roles} claim, the customer's id from {@code sub}. On an external database the
 * development users are off, so HTTP Basic gets nobody in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pizzeria.security.mode=jwt",
        "pizzeria.opening-hours=always"})
class JwtModeHttpTest {

    private static final KeyPair ISSUER = rsaKeys();
    private static final KeyPair STRANGER = rsaKeys();

    @LocalServerPort
    int port;

    @Autowired
    InMemoryUserDetailsManager users;

    Http http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.useFreshDatabase(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", JwtModeHttpTest::publicKeyFile);
    }

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @Test
    void aTokenWithAStaffRoleReachesItsEndpointsAndNoOther() {
        String chef = bearer(ISSUER, "luigi", List.of("chef"), Duration.ofMinutes(5));
        assertThat(http.send("GET", "/api/kitchen/queue", null, chef).status()).isEqualTo(200);
        assertThat(http.send("GET", "/api/delivery", null, chef).isProblem(403)).isTrue();
    }

    @Test
    void aCustomerTokenIsRefusedStaffEndpointsWithA403Problem() {
        String customer = bearer(ISSUER, "carla", List.of("customer"), Duration.ofMinutes(5));
        assertThat(http.send("GET", "/api/kitchen/queue", null, customer).isProblem(403)).isTrue();
        assertThat(http.send("DELETE", "/api/menu/pizzas/margherita", null, customer).isProblem(403)).isTrue();
    }

    @Test
    void noTokenABadSignatureOrAnExpiredTokenGetsA401ProblemWithABearerChallenge() {
        Http.Response none = http.send("GET", "/api/kitchen/queue", null, null);
        Http.Response forged = http.send("GET", "/api/kitchen/queue", null,
                bearer(STRANGER, "mallory", List.of("manager"), Duration.ofMinutes(5)));
        Http.Response expired = http.send("GET", "/api/kitchen/queue", null,
                bearer(ISSUER, "luigi", List.of("chef"), Duration.ofMinutes(-5)));
        for (Http.Response response : List.of(none, forged, expired)) {
            assertThat(response.isProblem(401)).as(response.text()).isTrue();
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void theDevelopmentUsersAreOffSoHttpBasicGetsNobodyIn() {
        assertThat(users.userExists("chef")).isFalse();
        assertThat(http.send("GET", "/api/kitchen/queue", null, Http.basic("chef")).isProblem(401)).isTrue();
    }

    @Test
    void aCustomersOrdersAreFiledUnderTheTokensSubjectAndOnlyTheirsAreListed() {
        String carla = bearer(ISSUER, "carla", List.of("customer"), Duration.ofMinutes(5));
        String dino = bearer(ISSUER, "dino", List.of("customer"), Duration.ofMinutes(5));
        Http.Response placed = http.send("POST", "/api/orders", PizzeriaHttpTest.GUEST_ORDER, carla);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        assertThat(placed.json().path("customer_id").asString()).isEqualTo("carla");

        Http.Response carlas = http.send("GET", "/api/orders", null, carla);
        Http.Response dinos = http.send("GET", "/api/orders", null, dino);
        assertThat(carlas.json().path("items").findValuesAsString("order_id")).contains(placed.json().path("order_id").asString());
        assertThat(dinos.json().path("total_items").asLong()).isZero();
    }

    private static String bearer(KeyPair keys, String subject, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(now.plus(validFor)))
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            token.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
        return "Bearer " + token.serialize();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static String publicKeyFile() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ISSUER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("pizzeria-issuer", ".pem");
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file.toUri().toString();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
