package dev.myelin.core.publish;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Runs all handlers at once and waits for every one before reporting failures together. */
enum Parallel implements PublishStrategy {

    INSTANCE;

    @Override
    public void publish(Event event, List<EventHandler<Event>> handlers, Executor executor) {
        int n = handlers.size();
        if (n == 0) {
            return;
        }
        if (n == 1) {
            handlers.get(0).handle(event);
            return;
        }
        CompletableFuture<?>[] futures = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            EventHandler<Event> handler = handlers.get(i);
            futures[i] = CompletableFuture.runAsync(() -> handler.handle(event), executor);
        }
        List<Throwable> failures = null;
        for (CompletableFuture<?> future : futures) {
            try {
                future.join();
            } catch (CompletionException failure) {
                if (failures == null) {
                    failures = new ArrayList<>(2);
                }
                failures.add(failure.getCause() == null ? failure : failure.getCause());
            }
        }
        if (failures != null) {
            throw new PublishException(event, failures);
        }
    }
}
