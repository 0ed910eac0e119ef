package dev.myelin.data.outbox;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.internal.HandlerTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/** {@link DeadLetters} over an {@link OutboxStore}, replaying through the dispatcher's handlers. */
final class OutboxDeadLetters implements DeadLetters {

    private final OutboxDispatcher dispatcher;
    private final OutboxStore store;
    private final TransactionRunner transactions;
    private final Clock clock;

    OutboxDeadLetters(OutboxDispatcher dispatcher, OutboxStore store, TransactionRunner transactions, Clock clock) {
        this.dispatcher = dispatcher;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<DeadLetter> list(long afterId, int maxCount) {
        return transactions.inTransaction(() -> store.deadLetters(afterId, maxCount), result -> true);
    }

    @Override
    public boolean replay(long id) {
        OutboxDelivery letter = transactions.inTransaction(() -> store.deadLetter(id), result -> true)
                .orElseThrow(() -> new NoSuchElementException("No dead letter with id " + id));
        try {
            dispatcher.handleInTransaction(letter, () -> store.dropDeadLetter(letter.id()));
            return true;
        } catch (Exception | LinkageError | AssertionError failure) {
            String error = HandlerTypes.describe(failure);
            Instant now = clock.instant();
            transactions.inTransaction(() -> {
                store.deadLetterFailedAgain(letter.id(), letter.attempts() + 1, error, now);
                return null;
            }, result -> true);
            return false;
        }
    }

    @Override
    public boolean drop(long id) {
        return transactions.inTransaction(() -> store.dropDeadLetter(id), result -> true);
    }
}
