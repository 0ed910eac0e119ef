package dev.myelin.examples.pizzeria.kitchen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The kitchen's load ({@code kitchen_load}, kept by {@link KitchenQueueProjection}) equals what the old
 * capacity check summed over every active order, after a random sequence of commands over HTTP, under
 * concurrent commands, and after replaying the whole event log.
 */
class KitchenLoadHttpTest extends PizzeriaHttpTest {

    /** What the capacity check used to run on every placement: a scan of the active orders. */
    private static final String SQL_SCAN = """
            select coalesce(sum(items_count), 0), coalesce(sum(prep_minutes), 0)
            from order_summaries where status in ('pending', 'confirmed', 'cooking')
            """;

    private static final String SQL_LOAD = """
            select coalesce(sum(pizzas), 0), coalesce(sum(prep_minutes), 0) from kitchen_load
            """;

    private static final String COOK = "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 10}";
    private static final List<String> PIZZAS = List.of("margherita", "marinara", "pepperoni");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionRunner transactions;

    @Autowired
    EventStore events;

    @Autowired
    KitchenQueueProjection projection;

    @Test
    void theLoadMatchesAScanAfterEachStepOfARandomSequenceOfOrdersCancellationsAndReadyPizzas() {
        Random random = new Random(11);
        Map<String, Integer> waiting = new LinkedHashMap<>();
        Map<String, Integer> cooking = new LinkedHashMap<>();
        Set<String> confirmed = new HashSet<>();
        try {
            for (int step = 0; step < 60; step++) {
                int action = random.nextInt(7);
                if (action <= 1 || waiting.isEmpty() && cooking.isEmpty()) {
                    int pizzas = 1 + random.nextInt(3);
                    Http.Response placed = place(orderOf("load-random", pizzas, random));
                    if (placed.status() == 201) {
                        waiting.put(placed.text("order_id"), pizzas);
                    } else {
                        assertThat(placed.status()).as(placed.text()).isEqualTo(503);
                    }
                } else if (action == 2 && !waiting.isEmpty()) {
                    String id = any(waiting, random);
                    expect(http.post("/api/orders/" + id + "/cancel", "{\"reason\": \"random\"}", "manager"));
                    waiting.remove(id);
                } else if (action == 3 && !waiting.isEmpty()) {
                    String id = any(waiting, random);
                    if (confirmed.add(id)) {
                        expect(http.put("/api/orders/" + id + "/confirm", null, "manager"));
                    }
                } else if (action == 4 && !waiting.isEmpty()) {
                    String id = any(waiting, random);
                    expect(http.put("/api/orders/" + id + "/cook", COOK, "chef"));
                    cooking.put(id, waiting.remove(id));
                } else if (action == 5 && !cooking.isEmpty()) {
                    String id = any(cooking, random);
                    expect(http.put("/api/kitchen/orders/" + id + "/ready", null, "chef"));
                    cooking.remove(id);
                } else if (!cooking.isEmpty()) {
                    String id = any(cooking, random);
                    int left = cooking.get(id);
                    expect(http.put("/api/kitchen/orders/" + id + "/pizzas/" + (left - 1) + "/ready", null, "chef"));
                    if (left == 1) {
                        cooking.remove(id);
                    } else {
                        cooking.put(id, left - 1);
                    }
                }
                assertThat(load()).as("after step " + step).isEqualTo(scan());
            }
        } finally {
            waiting.keySet().forEach(id -> http.post("/api/orders/" + id + "/cancel", "{}", "manager"));
            cooking.keySet().forEach(id -> http.put("/api/kitchen/orders/" + id + "/ready", null, "chef"));
        }
        assertThat(load()).isEqualTo(scan());
    }

    @Test
    void theLoadMatchesAScanAfterConcurrentOrdersCancellationsAndReadyOrders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                int seed = client;
                clients.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 6; i++) {
                        Http.Response placed = place(orderOf("load-concurrent-" + seed, 1 + random.nextInt(2), random));
                        if (placed.status() == 503) {
                            continue;
                        }
                        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
                        String id = placed.text("order_id");
                        if (random.nextBoolean()) {
                            expect(http.post("/api/orders/" + id + "/cancel", "{}", "manager"));
                        } else {
                            expect(http.put("/api/orders/" + id + "/cook", COOK, "chef"));
                            expect(http.put("/api/kitchen/orders/" + id + "/ready", null, "chef"));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(load()).isEqualTo(scan());
    }

    @Test
    void replayingTheWholeLogIntoAnEmptyQueueGivesTheSameLoad() {
        List<String> placed = IntStream.range(0, 3).mapToObj(i -> place(orderOf("load-replay", 2, new Random(i))))
                .peek(response -> assertThat(response.status()).as(response.text()).isEqualTo(201))
                .map(response -> response.text("order_id")).toList();
        expect(http.post("/api/orders/" + placed.get(0) + "/cancel", "{}", "manager"));
        expect(http.put("/api/orders/" + placed.get(1) + "/cook", COOK, "chef"));
        List<Integer> live = load();
        assertThat(live).isEqualTo(scan());

        // Replayed in a transaction that rolls back, so the live read model is left as it was.
        List<Integer> rebuilt = transactions.inTransaction(() -> {
            jdbc.sql("delete from kitchen_queue").update();
            jdbc.sql("update kitchen_load set pizzas = 0, prep_minutes = 0").update();
            long after = 0;
            List<StoredEvent> batch = events.readAll(after, 500);
            while (!batch.isEmpty()) {
                batch.forEach(projection::apply);
                after = batch.get(batch.size() - 1).position();
                batch = events.readAll(after, 500);
            }
            return load();
        }, result -> false);

        assertThat(rebuilt).isEqualTo(live);
        assertThat(load()).isEqualTo(live);
        http.put("/api/kitchen/orders/" + placed.get(1) + "/ready", null, "chef");
        http.post("/api/orders/" + placed.get(2) + "/cancel", "{}", "manager");
    }

    private List<Integer> load() {
        return jdbc.sql(SQL_LOAD).query((row, n) -> List.of(row.getInt(1), row.getInt(2))).single();
    }

    private List<Integer> scan() {
        return jdbc.sql(SQL_SCAN).query((row, n) -> List.of(row.getInt(1), row.getInt(2))).single();
    }

    private static String any(Map<String, Integer> orders, Random random) {
        return new ArrayList<>(orders.keySet()).get(random.nextInt(orders.size()));
    }

    private static void expect(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    private static String orderOf(String customerId, int pizzas, Random random) {
        String items = IntStream.range(0, pizzas)
                .mapToObj(i -> "{\"pizza_id\": \"" + PIZZAS.get(random.nextInt(PIZZAS.size())) + "\", \"size\": \"medium\"}")
                .collect(Collectors.joining(", "));
        return """
                {"customer_id": "%s", "customer_name": "Load", "customer_phone": "+39 06 1234 5678",
                 "customer_address": "Via Roma 1", "payment_method": "cash", "pizza_items": [%s]}
                """.formatted(customerId, items);
    }
}
