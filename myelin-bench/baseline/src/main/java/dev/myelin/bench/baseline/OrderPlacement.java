package dev.myelin.bench.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order in ONE transaction, with the rules of the pizzeria's {@code PlaceOrderRules},
 * {@code OpeningHoursBehavior} and {@code PlaceOrderHandler}: phone length and known toppings (400 with
 * field errors), opening hours (400), every pizza on the menu and available (400 "One or more pizzas are not
 * available"), room in the kitchen (503 with the estimated wait), the payment (400 when declined); prices are
 * the base price times the size's multiplier plus the toppings, two decimals half up, tax on the subtotal and a
 * flat delivery fee; the counted ingredients reserved (400 "not available" when one is short), as the
 * pizzeria's {@code Inventory}; a new order token, only its SHA-256 stored. Writes the order, its lines and
 * the kitchen load. Thread-safe.
 */
@Service
class OrderPlacement {

    static final String NOT_AVAILABLE = "One or more pizzas are not available";

    private static final Logger LOG = LoggerFactory.getLogger(OrderPlacement.class);
    private static final BigDecimal ZERO = new BigDecimal("0.00");
    private static final int KITCHEN_SLOTS = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String SQL_TOPPINGS = """
            select topping_id, price from menu_toppings
            """;

    /** Parameters: pizza id. */
    private static final String SQL_PIZZA = """
            select pizza_id, name, base_price, preparation_time_minutes, available from menu_pizzas where pizza_id = :id
            """;

    private static final String SQL_KITCHEN_LOAD = """
            select coalesce(sum(pizzas), 0), coalesce(sum(prep_minutes), 0) from kitchen_load
            """;

    /** Parameters: the order's columns. */
    private static final String SQL_INSERT_ORDER = """
            insert into orders (order_id, customer_id, customer_name, customer_phone, customer_address, status, items_count,
                                prep_minutes, subtotal, tax, delivery_fee, total_amount, payment_method, payment_status,
                                transaction_id, placed_at, estimated_ready_time, updated_at, token_hash)
            values (:id, :customerId, :name, :phone, :address, 'pending', :items, :prep, :subtotal, :tax, :fee, :total,
                    :method, :paymentStatus, :transactionId, :at, :ready, :at, :tokenHash)
            """;

    /** Parameters: the line's columns. */
    private static final String SQL_INSERT_LINE = """
            insert into order_items (order_id, line, pizza_id, pizza_name, size, toppings, special_instructions, base_price,
                                     toppings_price, price, preparation_time_minutes)
            values (:id, :line, :pizzaId, :name, :size, :toppings, :instructions, :basePrice, :toppingsPrice, :price, :minutes)
            """;

    /** Parameters: ingredients. The counted ones, locked in ingredient order (the pizzeria's {@code Stock}). */
    private static final String SQL_STOCK = """
            select ingredient, on_hand - reserved from inventory_stock where ingredient in (:ingredients)
            order by ingredient for update
            """;

    /** Parameters: ingredient, units, at. No row when fewer units are free. */
    private static final String SQL_RESERVE = """
            update inventory_stock set reserved = reserved + :units, updated_at = :at
            where ingredient = :ingredient and on_hand - reserved >= :units
            """;

    /** Parameters: order id, portions (JSON), at. */
    private static final String SQL_INSERT_RESERVATION = """
            insert into stock_reservations (order_id, portions, reserved_at) values (:id, cast(:portions as jsonb), :at)
            """;

    /** Parameters: slot, pizzas, minutes. */
    private static final String SQL_ADD_LOAD = """
            update kitchen_load set pizzas = pizzas + :pizzas, prep_minutes = prep_minutes + :minutes where slot = :slot
            """;

    private final JdbcClient jdbc;
    private final PizzeriaSettings settings;
    private final Clock clock;

    OrderPlacement(JdbcClient jdbc, PizzeriaSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public OrdersController.OrderPlaced place(PlaceOrderRequest request) {
        Map<String, BigDecimal> toppings = jdbc.sql(SQL_TOPPINGS)
                .query((row, n) -> Map.entry(row.getString(1), row.getBigDecimal(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        checkFields(request, toppings);
        if (!settings.isOpenAt(clock.instant())) {
            throw new OrderRefusedException(HttpStatus.BAD_REQUEST,
                    "Sorry, we're closed! We take orders " + settings.describeHours(), Map.of());
        }
        List<Line> lines = new ArrayList<>();
        for (PlaceOrderRequest.PizzaItem item : request.pizzaItems()) {
            Optional<MenuPizza> pizza = jdbc.sql(SQL_PIZZA).param("id", item.pizzaId())
                    .query((row, n) -> new MenuPizza(row.getString(1), row.getString(2), row.getBigDecimal(3), row.getInt(4),
                            row.getBoolean(5)))
                    .optional().filter(MenuPizza::available);
            if (pizza.isEmpty()) {
                throw new OrderRefusedException(HttpStatus.BAD_REQUEST, NOT_AVAILABLE, Map.of());
            }
            BigDecimal toppingsPrice = ZERO;
            for (String topping : item.toppingsOrEmpty()) {
                toppingsPrice = toppingsPrice.add(toppings.get(topping));
            }
            BigDecimal sized = money(pizza.get().basePrice().multiply(item.size().multiplier()));
            lines.add(new Line(pizza.get(), item, sized, money(toppingsPrice), money(sized.add(toppingsPrice))));
        }
        int ovens = Math.max(1, settings.kitchen().ovens());
        int[] load = jdbc.sql(SQL_KITCHEN_LOAD).query((row, n) -> new int[] {row.getInt(1), row.getInt(2)}).single();
        if (load[0] + lines.size() > settings.kitchen().capacity()) {
            throw new OrderRefusedException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Kitchen is at capacity. Estimated wait time is " + ceilDiv(load[1], ovens) + " minutes.", Map.of());
        }
        BigDecimal subtotal = ZERO;
        for (Line line : lines) {
            subtotal = subtotal.add(line.price());
        }
        subtotal = money(subtotal);
        BigDecimal tax = money(subtotal.multiply(settings.taxRate()));
        BigDecimal fee = money(settings.deliveryFee());
        BigDecimal total = money(subtotal.add(tax).add(fee));
        String orderId = UUID.randomUUID().toString();
        Payment payment = charge(orderId, total, request.paymentMethod());
        Instant now = clock.instant();
        int orderPrep = lines.stream().mapToInt(line -> line.pizza().preparationTimeMinutes()).sum();
        int longest = lines.stream().mapToInt(line -> line.pizza().preparationTimeMinutes()).max().orElse(0);
        long minutes = Math.max(longest, ceilDiv(load[1] + orderPrep, ovens));
        Instant ready = now.plusSeconds(60 * minutes);
        String customerId = customerId(request);
        Timestamp at = Timestamp.from(now);
        String token = newToken();
        jdbc.sql(SQL_INSERT_ORDER)
                .param("id", orderId).param("customerId", customerId).param("name", request.customerName().trim())
                .param("phone", request.customerPhone().trim()).param("address", request.customerAddress().trim())
                .param("items", lines.size()).param("prep", orderPrep)
                .param("subtotal", subtotal).param("tax", tax).param("fee", fee).param("total", total)
                .param("method", request.paymentMethod()).param("paymentStatus", payment.status())
                .param("transactionId", payment.transactionId())
                .param("at", at).param("ready", Timestamp.from(ready)).param("tokenHash", sha256(token))
                .update();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            jdbc.sql(SQL_INSERT_LINE)
                    .param("id", orderId).param("line", i + 1).param("pizzaId", line.pizza().id())
                    .param("name", line.pizza().name()).param("size", line.item().size().jsonName())
                    .param("toppings", line.item().toppingsOrEmpty().toArray(String[]::new))
                    .param("instructions", blankToNull(line.item().specialInstructions()))
                    .param("basePrice", line.sized()).param("toppingsPrice", line.toppingsPrice()).param("price", line.price())
                    .param("minutes", line.pizza().preparationTimeMinutes())
                    .update();
        }
        reserve(orderId, lines, at);
        jdbc.sql(SQL_ADD_LOAD).param("slot", ThreadLocalRandom.current().nextInt(KITCHEN_SLOTS))
                .param("pizzas", lines.size()).param("minutes", orderPrep).update();
        return new OrdersController.OrderPlaced(orderId, "pending", customerId, subtotal, tax, fee, total, payment.status(),
                ready, token, "/order.html?id=" + orderId + "#token=" + token);
    }

    /**
     * The pizzeria's {@code Inventory.reserve}: one unit of each pizza's base and of each topping, all or
     * nothing; only counted ingredients (with a stock row) are reserved, with guarded updates in ingredient
     * order. Refused as "not available" (400, the transaction rolls back) when one is short.
     */
    private void reserve(String orderId, List<Line> lines, Timestamp at) {
        SortedMap<String, Integer> wanted = new TreeMap<>();
        for (Line line : lines) {
            wanted.merge("base:" + line.pizza().id(), 1, Integer::sum);
            for (String topping : line.item().toppingsOrEmpty()) {
                wanted.merge("topping:" + topping, 1, Integer::sum);
            }
        }
        Map<String, Integer> counted = new TreeMap<>();
        jdbc.sql(SQL_STOCK).param("ingredients", wanted.keySet())
                .query((row, n) -> Map.entry(row.getString(1), row.getInt(2))).list()
                .forEach(free -> counted.put(free.getKey(), wanted.get(free.getKey())));
        if (counted.isEmpty()) {
            return;
        }
        StringBuilder portions = new StringBuilder("{");
        for (Map.Entry<String, Integer> ingredient : counted.entrySet()) {
            int updated = jdbc.sql(SQL_RESERVE).param("ingredient", ingredient.getKey()).param("units", ingredient.getValue())
                    .param("at", at).update();
            if (updated == 0) {
                throw new OrderRefusedException(HttpStatus.BAD_REQUEST, NOT_AVAILABLE, Map.of());
            }
            portions.append(portions.length() > 1 ? "," : "").append('"').append(ingredient.getKey()).append("\":")
                    .append(ingredient.getValue());
        }
        jdbc.sql(SQL_INSERT_RESERVATION).param("id", orderId).param("portions", portions.append('}').toString())
                .param("at", at).update();
    }

    /** The pizzeria's {@code OrderTokens}: 256 random bits, URL-safe Base64; only the SHA-256 is stored. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", impossible);
        }
    }

    /** The pizzeria's {@code PlaceOrderRules}: the phone's minimum length and known toppings, as field errors. */
    private void checkFields(PlaceOrderRequest request, Map<String, BigDecimal> toppings) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (request.customerPhone().trim().length() < settings.minPhoneLength()) {
            errors.put("customer_phone", List.of("must have at least " + settings.minPhoneLength() + " characters"));
        }
        for (int i = 0; i < request.pizzaItems().size(); i++) {
            List<String> chosen = request.pizzaItems().get(i).toppingsOrEmpty();
            for (int j = 0; j < chosen.size(); j++) {
                if (!toppings.containsKey(chosen.get(j))) {
                    errors.put("pizza_items[" + i + "].toppings[" + j + "]", List.of("is not a topping on the menu"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new OrderRefusedException(HttpStatus.BAD_REQUEST,
                    errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
    }

    /** The pizzeria's fake gateway: {@code declined-card} declined, {@code cash} due, anything else paid. */
    private static Payment charge(String reference, BigDecimal amount, String method) {
        String normalized = method.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("declined-card")) {
            LOG.info("Payment of {} for {} declined ({})", amount, reference, method);
            throw new OrderRefusedException(HttpStatus.BAD_REQUEST,
                    "Payment was declined. Please try a different payment method.", Map.of());
        }
        if (normalized.equals("cash")) {
            return new Payment("due", null);
        }
        String transaction = "tx-" + UUID.nameUUIDFromBytes((reference + "/" + amount).getBytes(StandardCharsets.UTF_8));
        LOG.info("Charged {} for {} by {}: {}", amount, reference, method, transaction);
        return new Payment("paid", transaction);
    }

    /** The explicit customer id, else the signed-in user's name, else a guest id from the phone's digits. */
    private static String customerId(PlaceOrderRequest request) {
        if (request.customerId() != null && !request.customerId().isBlank()) {
            return request.customerId().trim();
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
            return caller.getName();
        }
        return "guest-" + request.customerPhone().replaceAll("[^0-9]", "");
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private record MenuPizza(String id, String name, BigDecimal basePrice, int preparationTimeMinutes, boolean available) {
    }

    private record Payment(String status, @Nullable String transactionId) {
    }

    private record Line(MenuPizza pizza, PlaceOrderRequest.PizzaItem item, BigDecimal sized, BigDecimal toppingsPrice,
            BigDecimal price) {
    }
}
