package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.postgres.document.PostgresDocumentRepository;
import org.springframework.stereotype.Repository;

/**
 * Reservations as documents: one row per order that reserved stock, saved with its inventory events
 * (stream {@code StockReservation-<order id>}) in the command's transaction. The version check makes each
 * release or consumption happen once.
 */
@Repository
class StockReservationRepository extends PostgresDocumentRepository<StockReservation, String, ReservationState> {

    StockReservationRepository(DocumentStore documents) {
        super(StockReservation.class, ReservationState.class, documents);
    }

    @Override
    protected ReservationState state(StockReservation reservation) {
        return reservation.state();
    }

    @Override
    protected StockReservation restore(String id, long version, ReservationState state) {
        return new StockReservation(id, version, state);
    }
}
