package dev.myelin.examples.pizzeria.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slow clients cannot take the API down: 300 clients on the loopback interface send the headers of an
 * order and then its body at one byte a second (more than Tomcat's 200 worker threads, which each
 * would otherwise block on one body), while a normal client reads the menu and places an order. The
 * normal client is served within {@link #BOUND} (usually in tens of milliseconds; without the read-ahead
 * it waited until its 10 s timeout): the fastest of three tries counts, so that one pause of a loaded
 * machine does not fail the test. The slow senders stop after at most 25 seconds.
 */
class SlowClientsHttpTest extends PizzeriaHttpTest {

    private static final int SLOW_SENDERS = 300;
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final int TRIES = 3;

    @LocalServerPort
    private int port;

    @Test
    void threeHundredSlowSendersDoNotKeepANormalClientWaiting() throws Exception {
        for (int i = 0; i < 3; i++) {
            timed(() -> assertThat(menu().status()).isEqualTo(200));
        }
        Duration usualMenu = timed(() -> assertThat(menu().status()).isEqualTo(200));
        Duration usualOrder = timed(() -> assertThat(order().status()).isEqualTo(201));

        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_SENDERS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write(("POST /api/orders HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            CountDownLatch twoTicks = new CountDownLatch(2);
            ticker.scheduleAtFixedRate(() -> {
                for (Socket socket : slow) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException refused) {
                        // The server gave up on this one (408) and closed it.
                    }
                }
                twoTicks.countDown();
            }, 1, 1, TimeUnit.SECONDS);
            ticker.schedule(ticker::shutdown, 25, TimeUnit.SECONDS);
            assertThat(twoTicks.await(10, TimeUnit.SECONDS)).isTrue();

            Duration menuUnderAttack = fastest(() -> assertThat(menu().status()).isEqualTo(200));
            Duration orderUnderAttack = fastest(() -> assertThat(order().status()).isEqualTo(201));
            System.out.printf("Normal client: menu %d ms, order %d ms usually; %d ms and %d ms with %d slow senders%n",
                    usualMenu.toMillis(), usualOrder.toMillis(), menuUnderAttack.toMillis(), orderUnderAttack.toMillis(),
                    SLOW_SENDERS);
            assertThat(menuUnderAttack).isLessThan(BOUND);
            assertThat(orderUnderAttack).isLessThan(BOUND);
        } finally {
            ticker.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private Http.Response menu() {
        return http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/api/menu")).timeout(CLIENT_TIMEOUT)
                .header("Accept", "application/json").GET().build());
    }

    private Http.Response order() {
        return http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/api/orders")).timeout(CLIENT_TIMEOUT)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GUEST_ORDER)).build());
    }

    /** The shortest of {@link #TRIES} calls, each of which must succeed. */
    private static Duration fastest(Runnable call) {
        Duration fastest = timed(call);
        for (int i = 1; i < TRIES; i++) {
            Duration next = timed(call);
            fastest = next.compareTo(fastest) < 0 ? next : fastest;
        }
        return fastest;
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
