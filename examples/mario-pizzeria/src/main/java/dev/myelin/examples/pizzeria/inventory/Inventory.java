package dev.myelin.examples.pizzeria.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The inventory as the order side uses it: reserve an order's ingredients when it is placed, release
 * them when it is cancelled, consume them when cooking starts. A pizza takes one unit of its base
 * ({@code base:<pizza_id>}) and one unit of each topping ({@code topping:<topping_id>}), whatever its
 * size; only counted ingredients (restocked at least once) are reserved.
 *
 * <p><b>Transactions.</b> Every method runs in the calling command's transaction (it joins it): the
 * stock rows, the reservation and its event commit or roll back with the order's own change, so a
 * rolled-back order holds nothing and a cancellation rolled back releases nothing. A reservation is
 * released or consumed once: it moves from held to released or consumed, checked by its version.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@Component
public class Inventory {

    private final Stock stock;
    private final StockReservationRepository reservations;
    private final Clock clock;

    Inventory(Stock stock, StockReservationRepository reservations, Clock clock) {
        this.stock = stock;
        this.reservations = reservations;
        this.clock = clock;
    }

    /**
     * Returns the ingredient key of a pizza's base.
     *
     * @param pizzaId the pizza
     * @return {@code base:<pizza_id>}
     */
    public static String base(String pizzaId) {
        return "base:" + pizzaId;
    }

    /**
     * Returns the ingredient key of a topping.
     *
     * @param toppingId the topping
     * @return {@code topping:<topping_id>}
     */
    public static String topping(String toppingId) {
        return "topping:" + toppingId;
    }

    /**
     * Reserves what an order's pizzas need, all or nothing, in the caller's transaction.
     *
     * @param orderId the order
     * @param pizzas its pizzas
     * @return whether every counted ingredient had enough units free; when not, nothing is reserved
     */
    public boolean reserve(String orderId, List<Serving> pizzas) {
        SortedMap<String, Integer> wanted = new TreeMap<>();
        for (Serving pizza : pizzas) {
            wanted.merge(base(pizza.pizzaId()), 1, Integer::sum);
            for (String topping : pizza.toppings()) {
                wanted.merge(topping(topping), 1, Integer::sum);
            }
        }
        return reserve(orderId, wanted);
    }

    /**
     * Reserves what an order's pizzas need, all or nothing, in the caller's transaction, knowing which
     * ingredients were counted when the transaction read them: when none of the order's are, nothing
     * is locked or read. An ingredient first restocked (so counted) after that read and before this
     * order commits is counted from the next order on, as if this order had been placed first: the
     * same as when the lock's own read finds no row because the restock had not committed yet.
     *
     * @param orderId the order
     * @param pizzas its pizzas
     * @param counted the ingredients counted, as read earlier in the caller's transaction (among at
     *     least this order's)
     * @return whether every counted ingredient had enough units free; when not, nothing is reserved
     */
    public boolean reserve(String orderId, List<Serving> pizzas, Set<String> counted) {
        for (Serving pizza : pizzas) {
            boolean anyCounted = counted.contains(base(pizza.pizzaId()))
                    || pizza.toppings().stream().map(Inventory::topping).anyMatch(counted::contains);
            if (anyCounted) {
                return reserve(orderId, pizzas);
            }
        }
        return true;
    }

    private boolean reserve(String orderId, SortedMap<String, Integer> wanted) {
        Instant now = clock.instant();
        Optional<List<StockLevel>> reserved = stock.reserve(wanted, now);
        if (reserved.isEmpty()) {
            return false;
        }
        if (!reserved.get().isEmpty()) {
            reservations.add(StockReservation.hold(orderId, reserved.get(), now));
        }
        return true;
    }

    /**
     * Gives a cancelled order's reserved units back, in the caller's transaction; nothing when it holds
     * none (it reserved no counted ingredient, or they were released or consumed already).
     *
     * @param orderId the order
     */
    public void release(String orderId) {
        Instant now = clock.instant();
        held(orderId).ifPresent(reservation -> {
            reservation.release(stock.release(reservation.portions(), now), now);
            reservations.update(reservation);
        });
    }

    /**
     * Takes an order's reserved units out of the stock as cooking starts, in the caller's transaction;
     * nothing when it holds none.
     *
     * @param orderId the order
     */
    public void consume(String orderId) {
        Instant now = clock.instant();
        held(orderId).ifPresent(reservation -> {
            reservation.consume(stock.consume(reservation.portions(), now), now);
            reservations.update(reservation);
        });
    }

    private Optional<StockReservation> held(String orderId) {
        return reservations.get(orderId).filter(StockReservation::isHeld);
    }

    /**
     * One pizza of an order, as the inventory sees it.
     *
     * @param pizzaId the pizza on the menu
     * @param toppings its extra toppings' ids
     * @since 0.1
     */
    public record Serving(String pizzaId, List<String> toppings) {

        /** Copies the toppings. */
        public Serving {
            toppings = List.copyOf(toppings);
        }
    }
}
