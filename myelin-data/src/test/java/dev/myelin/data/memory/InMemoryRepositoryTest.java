package dev.myelin.data.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.AfterAppend;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.AggregateRoot;
import dev.myelin.data.contract.TestEvents.Added;
import dev.myelin.data.contract.TestEvents.OrderEvent;
import dev.myelin.data.contract.TestEvents.Placed;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.OutboxDispatcher;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryRepositoryTest {

    /** A state-stored aggregate. */
    static final class Cart extends AggregateRoot<String> {
        private int items;

        Cart(String id, long version, int items) {
            super(id, version);
            this.items = items;
        }

        static Cart open(String id) {
            Cart cart = new Cart(id, 0, 0);
            cart.record(new Placed(id));
            return cart;
        }

        void add(int count) {
            items += count;
            record(new Added(id(), count));
        }

        Cart copy() {
            return new Cart(id(), version(), items);
        }
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventStore events = new InMemoryEventStore(transactions, Clock.systemUTC());
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final OutboxDispatcher dispatcher = OutboxDispatcher.builder(new InMemoryOutboxStore(transactions), transactions)
            .handler("carts", OrderEvent.class, event -> delivered.add(event.getClass().getSimpleName()))
            .build();
    private final InMemoryRepository<Cart, String> carts =
            new InMemoryRepository<>(Cart.class, Cart::copy, transactions,
                    AfterAppend.builder(events, transactions).outbox(dispatcher).build());

    private void inTransaction(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        }, result -> true);
    }

    @Test
    void savedAggregateIsStoredAsACopyThatLaterChangesDoNotTouch() {
        Cart cart = Cart.open("c1");
        inTransaction(() -> carts.add(cart));
        cart.add(5);

        Cart loaded = carts.get("c1").orElseThrow();
        assertThat(loaded.items).isZero();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded).isNotSameAs(carts.get("c1").orElseThrow());
    }

    @Test
    void updateOfAStaleCopyConflictsAndKeepsTheWinner() {
        inTransaction(() -> carts.add(Cart.open("c1")));
        Cart first = carts.get("c1").orElseThrow();
        Cart second = carts.get("c1").orElseThrow();
        first.add(1);
        inTransaction(() -> carts.update(first));
        second.add(7);

        assertThatThrownBy(() -> inTransaction(() -> carts.update(second)))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateType()).isEqualTo("Cart");
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                });
        assertThat(carts.get("c1").orElseThrow().items).isEqualTo(1);
    }

    @Test
    void saveAppendsTheEventsAndTheirDeliveriesCommitWithIt() {
        Cart cart = Cart.open("c1");
        cart.add(2);
        inTransaction(() -> carts.add(cart));

        assertThat(events.readStream("Cart-c1", 1, 10)).extracting(StoredEvent::event)
                .containsExactly(new Placed("c1"), new Added("c1", 2));
        dispatcher.dispatchPending();
        assertThat(delivered).containsExactly("Placed", "Added");
    }

    @Test
    void rollbackUndoesTheStateTheEventsAndTheDeliveries() {
        inTransaction(() -> carts.add(Cart.open("c1")));
        dispatcher.dispatchPending();
        delivered.clear();
        Cart cart = carts.get("c1").orElseThrow();
        cart.add(3);

        assertThatThrownBy(() -> inTransaction(() -> {
            carts.update(cart);
            throw new IllegalStateException("the command failed");
        })).hasMessage("the command failed");

        assertThat(carts.get("c1").orElseThrow().version()).isEqualTo(1);
        assertThat(events.readStream("Cart-c1", 1, 10)).hasSize(1);
        dispatcher.dispatchPending();
        assertThat(delivered).isEmpty();
    }

    @Test
    void applicationRepositoryFindsCopiesThroughItsFinders() {
        final class Carts extends InMemoryRepository<Cart, String> {
            Carts() {
                super(Cart.class, Cart::copy, transactions, AfterAppend.builder(events, transactions).outbox(dispatcher).build());
            }

            List<Cart> withItems() {
                return find(cart -> cart.items > 0);
            }
        }
        Carts carts = new Carts();
        Cart full = Cart.open("full");
        full.add(2);
        inTransaction(() -> carts.add(full));
        inTransaction(() -> carts.add(Cart.open("empty")));

        assertThat(carts.withItems()).singleElement().satisfies(cart -> {
            assertThat(cart.id()).isEqualTo("full");
            assertThat(cart.version()).isEqualTo(1);
            assertThat(cart).isNotSameAs(full);
        });
    }

    @Test
    void removeDeletesTheAggregateAfterTheVersionCheck() {
        inTransaction(() -> carts.add(Cart.open("c1")));
        Cart loaded = carts.get("c1").orElseThrow();
        Cart stale = carts.get("c1").orElseThrow();
        loaded.add(1);
        inTransaction(() -> carts.update(loaded));

        assertThatThrownBy(() -> inTransaction(() -> carts.remove(stale))).isInstanceOf(AggregateConflictException.class);
        inTransaction(() -> carts.remove(carts.get("c1").orElseThrow()));
        assertThat(carts.get("c1")).isEmpty();
    }
}
