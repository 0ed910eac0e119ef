package dev.myelin.examples.pizzeria.security;

import static dev.myelin.examples.pizzeria.testsupport.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Password sign-in over real HTTP: verified credentials are cached and still refuse a wrong password,
 * a password change ends the cache at once, failed sign-ins get 429 with {@code Retry-After} (even the
 * right password) until the cool-down (2 s in the tests) has passed, and pages carry the
 * Content-Security-Policy, Referrer-Policy and a SameSite session cookie.
 */
class PasswordSignInHttpTest extends PizzeriaHttpTest {

    private static final String PATH = "/api/orders/history";

    @Autowired
    InMemoryUserDetailsManager users;

    @Autowired
    VerifiedCredentials verified;

    @Test
    void aVerifiedCredentialIsCachedAndAWrongPasswordAfterItIsStillRefused() {
        createCustomer("cache-customer", "right-password");
        assertThat(verified.holds("cache-customer")).isFalse();

        assertThat(get(basic("cache-customer", "right-password")).status()).isEqualTo(200);
        assertThat(verified.holds("cache-customer")).isTrue();
        assertThat(get(basic("cache-customer", "right-password")).status()).isEqualTo(200);

        Http.Response wrong = get(basic("cache-customer", "right-passwort"));
        assertThat(wrong.isProblem(401)).as(wrong.text()).isTrue();
        assertThat(get(basic("cache-customer", "right-password")).status()).isEqualTo(200);
    }

    @Test
    void aChangedPasswordEndsTheCachedOneAtOnce() {
        createCustomer("changing-customer", "old-password");
        assertThat(get(basic("changing-customer", "old-password")).status()).isEqualTo(200);

        users.updateUser(User.withUsername("changing-customer").password("{noop}new-password").roles("customer").build());

        assertThat(verified.holds("changing-customer")).isFalse();
        assertThat(get(basic("changing-customer", "old-password")).isProblem(401)).isTrue();
        assertThat(get(basic("changing-customer", "new-password")).status()).isEqualTo(200);
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordGets429UntilTheCoolDownHasPassed() {
        createCustomer("throttled-customer", "right-password");
        for (int i = 0; i < 5; i++) {
            assertThat(get(basic("throttled-customer", "guess-" + i)).isProblem(401)).isTrue();
        }

        Http.Response refused = get(basic("throttled-customer", "right-password"));
        assertThat(refused.isProblem(429)).as(refused.text()).isTrue();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(refused.json().path("detail").asString()).startsWith("Too many failed sign-ins");
        assertThat(get(basic("other-account", "whatever")).isProblem(401)).isTrue();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(basic("throttled-customer", "right-password")).status() == 200);
        assertThat(get(basic("throttled-customer", "guess-5")).isProblem(401)).isTrue();
    }

    @Test
    void pagesCarryAContentSecurityPolicyAReferrerPolicyAndASameSiteSessionCookie() {
        for (String page : new String[] {"/index.html", "/order.html", "/login"}) {
            Http.Response response = http.page(page);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(response.header("Content-Security-Policy")).as(page).isEqualTo(SecurityConfiguration.PAGE_POLICY);
            assertThat(response.header("Referrer-Policy")).as(page).isEqualTo("no-referrer");
        }
        assertThat(http.page("/index.html").text()).doesNotContain("<script>");
        assertThat(http.page("/login").raw().headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("SameSite=Lax"));
    }

    private void createCustomer(String name, String password) {
        users.createUser(User.withUsername(name).password("{noop}" + password).roles("customer").build());
    }

    private Http.Response get(String authorization) {
        return http.send("GET", PATH, null, authorization);
    }
}
