package dev.myelin.examples.pizzeria.orders;

import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.postgres.document.PostgresDocumentRepository;
import org.springframework.stereotype.Repository;

/** Orders as documents: one row per order, saved with its events and outbox rows in one transaction. */
@Repository
public class OrderRepository extends PostgresDocumentRepository<Order, String, OrderState> {

    OrderRepository(DocumentStore documents) {
        super(Order.class, OrderState.class, documents);
    }

    /** The order's stream, {@link OrderStreams#of}: the stream id the base class would give, named in one place. */
    @Override
    public String streamId(String orderId) {
        return OrderStreams.of(orderId);
    }

    @Override
    protected OrderState state(Order order) {
        return order.state();
    }

    @Override
    protected Order restore(String id, long version, OrderState state) {
        return new Order(id, version, state);
    }
}
