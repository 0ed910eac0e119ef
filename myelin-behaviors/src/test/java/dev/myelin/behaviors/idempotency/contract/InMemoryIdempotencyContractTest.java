package dev.myelin.behaviors.idempotency.contract;

import dev.myelin.behaviors.idempotency.IdempotencyStore;
import dev.myelin.behaviors.idempotency.InMemoryIdempotencyStore;
import dev.myelin.data.transaction.InMemoryTransactionRunner;
import dev.myelin.data.transaction.TransactionRunner;
import java.util.concurrent.atomic.AtomicInteger;

/** The idempotency contract on the in-memory store, with the in-memory transaction runner. */
class InMemoryIdempotencyContractTest extends IdempotencyContract {

    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();
    private final AtomicInteger effects = new AtomicInteger();

    @Override
    protected IdempotencyStore store() {
        return new InMemoryIdempotencyStore(transactions);
    }

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected void writeEffect(String orderId) {
        transactions.afterCommit(effects::incrementAndGet);
    }

    @Override
    protected int committedEffects() {
        return effects.get();
    }
}
