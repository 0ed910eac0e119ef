package dev.myelin.examples.pizzeria.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web UI: the customer pages are served to anyone; the kitchen page sends anonymous visitors to
 * the login form and, once a chef signs in (with the form's CSRF token), shows the queue's data.
 */
class PagesHttpTest extends PizzeriaHttpTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    @Test
    void theMenuOrderAndStatusPagesAreServedToAnyone() {
        Http.Response index = http.page("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.text()).contains("<form id=\"order\"", "<script src=\"/index.js\">");
        assertThat(http.page("/index.js").text()).contains("/api/menu", "/api/orders");
        Http.Response status = http.page("/order.html");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.text()).contains("<script src=\"/order.js\">");
        assertThat(http.page("/order.js").text()).contains("/status");
        assertThat(http.page("/pizzeria.js").status()).isEqualTo(200);
    }

    @Test
    void theKitchenPageRedirectsAnonymousVisitorsToTheLoginForm() {
        Http.Response kitchen = http.page("/staff/kitchen.html");
        assertThat(kitchen.status()).isEqualTo(302);
        assertThat(kitchen.header("Location")).endsWith("/login");
        assertThat(http.page("/staff/kitchen/queue").status()).isEqualTo(302);
    }

    @Test
    void aChefSignedInWithTheFormSeesTheKitchenPageAndItsQueue() {
        String session = signIn("chef");
        Http.Response page = http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/staff/kitchen.html"))
                .header("Cookie", session).GET().build());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Kitchen queue");
        Http.Response queue = http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/staff/kitchen/queue"))
                .header("Cookie", session).header("Accept", "application/json").GET().build());
        assertThat(queue.status()).as(queue.text()).isEqualTo(200);
        assertThat(queue.json().has("orders")).isTrue();
    }

    @Test
    void aCustomerOrADriverSignedInWithTheFormIsRefusedTheKitchenPage() {
        for (String user : new String[] {"customer", "driver"}) {
            Http.Response page = http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/staff/kitchen.html"))
                    .header("Cookie", signIn(user)).GET().build());
            assertThat(page.status()).as(user).isEqualTo(403);
        }
    }

    /** Signs in through the login form, with its CSRF token; returns the session cookie. */
    private String signIn(String user) {
        Http.Response form = http.page("/login");
        assertThat(form.status()).isEqualTo(200);
        Matcher token = CSRF.matcher(form.text());
        assertThat(token.find()).as(form.text()).isTrue();
        Http.Response login = http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie(form))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user + "&_csrf=" + token.group(1)))
                .build());
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).doesNotContain("error");
        return cookie(login).isEmpty() ? cookie(form) : cookie(login);
    }

    private static String cookie(Http.Response response) {
        String header = response.header("Set-Cookie");
        return header.isEmpty() ? "" : header.substring(0, header.indexOf(';'));
    }
}
