package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.examples.pizzeria.menu.MenuCatalog;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.shared.Money;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Prices a {@link PlaceOrder} from the menu: each pizza's base price times its size, plus its
 * toppings; tax on the subtotal; the delivery fee. Used by the card authorization (which must know the
 * amount before the order's transaction) and by the handler. Thread-safe.
 */
@Component
public class OrderPricing {

    static final String NOT_AVAILABLE = "One or more pizzas are not available";

    private final MenuCatalog menu;
    private final PizzeriaProperties properties;

    OrderPricing(MenuCatalog menu, PizzeriaProperties properties) {
        this.menu = menu;
        this.properties = properties;
    }

    /**
     * Prices an order.
     *
     * @param command the order to price
     * @return the order's lines and totals, or why it cannot be priced (a 400's detail)
     */
    public Priced price(PlaceOrder command) {
        Map<String, MenuCatalog.CatalogTopping> toppings = menu.toppings();
        List<OrderPlaced.Line> lines = new ArrayList<>();
        for (PlaceOrder.PizzaItem item : command.pizzaItems()) {
            Optional<MenuCatalog.CatalogPizza> pizza = menu.pizza(item.pizzaId()).filter(MenuCatalog.CatalogPizza::available);
            if (pizza.isEmpty()) {
                return Priced.refused(NOT_AVAILABLE);
            }
            BigDecimal toppingsPrice = Money.ZERO;
            for (String topping : item.toppingsOrEmpty()) {
                MenuCatalog.CatalogTopping known = toppings.get(topping);
                if (known == null) {
                    return Priced.refused("Topping '" + topping + "' is not on the menu");
                }
                toppingsPrice = toppingsPrice.add(known.price());
            }
            BigDecimal sized = Money.of(pizza.get().basePrice().multiply(item.size().multiplier()));
            lines.add(new OrderPlaced.Line(pizza.get().id(), pizza.get().name(), item.size(), item.toppingsOrEmpty(),
                    blankToNull(item.specialInstructions()), sized, Money.of(toppingsPrice), Money.of(sized.add(toppingsPrice)),
                    pizza.get().preparationTimeMinutes()));
        }
        BigDecimal subtotal = Money.ZERO;
        for (OrderPlaced.Line line : lines) {
            subtotal = subtotal.add(line.price());
        }
        BigDecimal tax = Money.of(subtotal.multiply(properties.taxRate()));
        BigDecimal fee = Money.of(properties.deliveryFee());
        return new Priced(lines, new OrderPlaced.Totals(Money.of(subtotal), tax, fee, Money.of(subtotal.add(tax).add(fee))),
                null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /**
     * A priced order.
     *
     * @param lines the pizzas, priced
     * @param totals the totals
     * @param refusal why it cannot be ordered, or {@code null}
     */
    public record Priced(List<OrderPlaced.Line> lines, OrderPlaced.Totals totals, String refusal) {

        static Priced refused(String why) {
            return new Priced(List.of(), null, why);
        }
    }
}
