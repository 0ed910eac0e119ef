package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slowloris: 300 clients send a request's headers one byte at a time, each byte well within Tomcat's
 * per-read timeout, so that only a total deadline for the headers
 * ({@code myelin.web.slow-clients.header-timeout}, 1 s here) ends them. The server closes every one of
 * them (within the await's bound, far below Tomcat's per-read timeout that the bytes keep resetting), while
 * a normal client is served.
 */
@SpringBootTest(classes = SlowHeadersHttpTest.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"myelin.postgres.embedded.enabled=false", "myelin.mediator.check-declared-requests=false",
            "myelin.web.slow-clients.header-timeout=1s", "server.tomcat.connection-timeout=60s"})
class SlowHeadersHttpTest {

    private static final int SLOW_SENDERS = 300;

    @LocalServerPort
    int port;

    @RestController
    static class PingController {

        @GetMapping("/ping")
        Map<String, Boolean> ping() {
            return Map.of("ok", true);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(PingController.class)
    static class Application {

        /** Every path open, as the tested filters and advice come before any access rule. */
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    @Test
    void slowHeaderSendersAreClosedWhileANormalClientIsServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_SENDERS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setSoTimeout(1);
                socket.getOutputStream()
                        .write("GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            HttpResponse<String> normal = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ping")).timeout(Duration.ofSeconds(10))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(normal.statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> slow.stream().filter(socket -> !closedByServer(socket)).count() == 0);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Sends one more header byte; whether the server has closed the connection (or answered it). */
    private static boolean closedByServer(Socket socket) {
        if (socket.isClosed()) {
            return true;
        }
        try {
            socket.getOutputStream().write('x');
            socket.getOutputStream().flush();
            socket.getInputStream().read();
            socket.close();
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException closed) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone.
            }
            return true;
        }
    }
}
