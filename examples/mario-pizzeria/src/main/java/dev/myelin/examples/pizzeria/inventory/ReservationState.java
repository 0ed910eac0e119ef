package dev.myelin.examples.pizzeria.inventory;

import java.util.List;

/**
 * The stored state of a {@link StockReservation}: one jsonb document per order that reserved stock.
 *
 * @param status {@link #HELD}, {@link #RELEASED} or {@link #CONSUMED}
 * @param portions the units held per ingredient
 */
record ReservationState(String status, List<Stock.Portion> portions) {

    static final String HELD = "held";
    static final String RELEASED = "released";
    static final String CONSUMED = "consumed";

    ReservationState {
        portions = List.copyOf(portions);
    }
}
