package dev.myelin.examples.pizzeria.orders.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The order detail's {@code total_breakdown} (the seed's {@code OrderTotalDto}): items, toppings,
 * subtotal, tax, delivery fee and total, each with two decimals, adding up to what the customer pays.
 */
class TotalBreakdownHttpTest extends PizzeriaHttpTest {

    @Test
    void theBreakdownAddsUpToTheTotalWithTwoDecimals() {
        Http.Response placed = place("""
                {"customer_id": "breakdown", "customer_name": "Bea", "customer_phone": "+39 06 1234 5678",
                 "customer_address": "Via Roma 1", "payment_method": "cash",
                 "pizza_items": [{"pizza_id": "margherita", "size": "large", "toppings": ["extra_cheese", "mushrooms"]},
                                 {"pizza_id": "marinara", "size": "small"}]}
                """);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);

        Http.Response detail = http.get("/api/orders/" + placed.text("order_id"), "manager");
        assertThat(detail.status()).as(detail.text()).isEqualTo(200);
        String breakdown = detail.text().substring(detail.text().indexOf("\"total_breakdown\""));

        BigDecimal items = amount(breakdown, "items");
        BigDecimal toppings = amount(breakdown, "toppings");
        BigDecimal subtotal = amount(breakdown, "subtotal");
        BigDecimal total = amount(breakdown, "total");
        assertThat(toppings.signum()).as("two toppings").isPositive();
        assertThat(items.add(toppings)).isEqualByComparingTo(subtotal);
        assertThat(subtotal.add(amount(breakdown, "tax")).add(amount(breakdown, "delivery_fee"))).isEqualByComparingTo(total);
        assertThat(total).isEqualByComparingTo(placed.json().path("total_amount").decimalValue());
    }

    /** An amount of the breakdown as written in the JSON text: two decimals. */
    private static BigDecimal amount(String breakdown, String field) {
        Matcher number = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+(\\.\\d+)?)").matcher(breakdown);
        assertThat(number.find()).as(field + " in " + breakdown).isTrue();
        assertThat(number.group(1)).as(field + " has two decimals").matches("-?\\d+\\.\\d{2}");
        return new BigDecimal(number.group(1));
    }
}
