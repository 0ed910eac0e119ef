package dev.myelin.examples.pizzeria.web;

import static dev.myelin.examples.pizzeria.testsupport.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import dev.myelin.examples.pizzeria.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error is an RFC 9457 {@code application/problem+json}, including those that never reach a
 * controller, sent over a raw socket where a client would normalise the request: Tomcat's own refusals
 * ({@code %2F} or {@code %00} in a path, headers over 8 KB), Spring Security's firewall ({@code //} and
 * {@code ;} in a path), an unknown path (404) and a method a path does not allow (405). None leaks
 * Tomcat's or Spring's HTML or their own JSON.
 */
class ProblemEverywhereHttpTest extends PizzeriaHttpTest {

    @LocalServerPort
    private int port;

    @Test
    void anEncodedSlashInThePathIsA400Problem() {
        assertProblem(RawHttp.send(port, "GET /api/orders/a%2Fb/status HTTP/1.1"), 400);
    }

    @Test
    void anEncodedNulInThePathIsA400Problem() {
        assertProblem(RawHttp.send(port, "GET /api/menu%00 HTTP/1.1"), 400);
    }

    @Test
    void headersOverTheLimitAreAProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET /api/menu HTTP/1.1", "X-Padding: " + "x".repeat(9 * 1024));
        assertThat(response.status()).as(response.body()).isIn(400, 431);
        assertProblem(response, response.status());
    }

    @Test
    void aDoubleSlashOrASemicolonInThePathIsA400Problem() {
        assertProblem(RawHttp.send(port, "GET /api//menu HTTP/1.1"), 400);
        assertProblem(RawHttp.send(port, "GET /api/menu;jsessionid=1 HTTP/1.1"), 400);
        assertProblem(RawHttp.send(port, "GET /api/orders/x;y/status HTTP/1.1"), 400);
    }

    @Test
    void anUnknownPathIsA404Problem() {
        assertProblem(RawHttp.send(port, "GET /no-such-page HTTP/1.1", "Accept: application/json"), 404);
        assertProblem(RawHttp.send(port, "GET /no-such-page HTTP/1.1", "Accept: text/html"), 404);
        Http.Response api = http.send("GET", "/api/no-such-resource", null, basic("manager"));
        assertThat(api.isProblem(404)).as(api.status() + " " + api.text()).isTrue();
    }

    @Test
    void aMethodThePathDoesNotAllowIsA405Problem() {
        Http.Response response = http.send("PATCH", "/api/orders", "{}", basic("manager"));
        assertThat(response.isProblem(405)).as(response.status() + " " + response.text()).isTrue();
        assertProblem(RawHttp.send(port, "DELETE /api/menu HTTP/1.1", "Authorization: " + basic("manager")), 405);
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.isProblem(status)).as(response.status() + " " + response.headers() + " " + response.body())
                .isTrue();
        assertThat(response.body()).doesNotContain("<html", "Tomcat", "timestamp", "\"error\"");
    }
}
