package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.data.AggregateRoot;
import java.time.Instant;
import java.util.List;

/**
 * What one order holds of the counted ingredients: held from placing until it is released (the order
 * cancelled) or consumed (cooking started), each exactly once. Its id is the order's. Not thread-safe:
 * an instance belongs to one command.
 */
final class StockReservation extends AggregateRoot<String> {

    private ReservationState state;

    StockReservation(String orderId, long version, ReservationState state) {
        super(orderId, version);
        this.state = state;
    }

    static StockReservation hold(String orderId, List<StockLevel> levels, Instant now) {
        List<Stock.Portion> portions = levels.stream().map(level -> new Stock.Portion(level.ingredient(), level.change()))
                .toList();
        StockReservation reservation = new StockReservation(orderId, 0,
                new ReservationState(ReservationState.HELD, portions));
        reservation.record(new StockReserved(orderId, levels, now));
        return reservation;
    }

    ReservationState state() {
        return state;
    }

    boolean isHeld() {
        return ReservationState.HELD.equals(state.status());
    }

    List<Stock.Portion> portions() {
        return state.portions();
    }

    /** The order was cancelled: its units go back to the stock. */
    void release(List<StockLevel> levels, Instant now) {
        requireHeld();
        state = new ReservationState(ReservationState.RELEASED, state.portions());
        record(new StockReleased(id(), levels, now));
    }

    /** Cooking started: its units leave the stock. */
    void consume(List<StockLevel> levels, Instant now) {
        requireHeld();
        state = new ReservationState(ReservationState.CONSUMED, state.portions());
        record(new StockConsumed(id(), levels, now));
    }

    private void requireHeld() {
        if (!isHeld()) {
            throw new IllegalStateException("The reservation of order " + id() + " is " + state.status());
        }
    }
}
