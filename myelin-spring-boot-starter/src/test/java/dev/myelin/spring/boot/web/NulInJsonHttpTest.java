package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A NUL character anywhere in a JSON body, whatever the type it is read as ({@code Object},
 * {@code JsonNode}, {@code Map}, a record holding them), is a 400 problem naming the field, and the handler
 * never runs.
 */
@SpringBootTest(classes = NulInJsonHttpTest.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"myelin.postgres.embedded.enabled=false", "myelin.mediator.check-declared-requests=false"})
class NulInJsonHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger HANDLED = new AtomicInteger();

    @LocalServerPort
    int port;

    record Note(String title, Object extra, List<Object> tags) {
    }

    @RestController
    static class FreeFormController {

        @PostMapping("/object")
        Object object(@RequestBody Object body) {
            HANDLED.incrementAndGet();
            return Map.of("ok", true);
        }

        @PostMapping("/tree")
        Object tree(@RequestBody JsonNode body) {
            HANDLED.incrementAndGet();
            return Map.of("ok", true);
        }

        @PostMapping("/map")
        Object map(@RequestBody Map<String, Object> body) {
            HANDLED.incrementAndGet();
            return Map.of("ok", true);
        }

        @PostMapping("/note")
        Object note(@RequestBody Note body) {
            HANDLED.incrementAndGet();
            return Map.of("ok", true);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(FreeFormController.class)
    static class Application {

        /** Every path open, as the tested filters and advice come before any access rule. */
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/object | {\"a\": {\"b\": [1, \"x\\u0000y\"]}}           | a.b[1]",
        "/tree   | {\"a\": [{\"c\": \"\\u0000\"}]}                  | a[0].c",
        "/map    | {\"deep\": {\"k\\u0000ey\": 1}}                  | deep.k\\0ey",
        "/note   | {\"title\": \"t\", \"extra\": {\"z\": \"\\u0000\"}} | extra.z",
        "/note   | {\"title\": \"t\", \"tags\": [\"a\", \"b\\u0000\"]}  | tags[1]"})
    void aNulAnywhereIsA400NamingTheFieldAndTheHandlerNeverRuns(String path, String body, String field) throws Exception {
        int before = HANDLED.get();

        HttpResponse<String> response = post(path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.toString()).contains(field.replace("\\", "\\\\")).contains("NUL");
        assertThat(HANDLED.get()).isEqualTo(before);
    }

    @Test
    void anEscapedBackslashBeforeU0000IsNoNulAndTheBodyIsHandled() throws Exception {
        int before = HANDLED.get();

        HttpResponse<String> response = post("/object", "{\"path\": \"C:\\\\u0000\", \"n\": [1, {\"x\": null}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HANDLED.get()).isEqualTo(before + 1);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
