package dev.myelin.core.internal;

import dev.myelin.core.RequestContext;
import java.util.concurrent.Executor;

/** Runs tasks on a delegate with the submitter's {@link RequestContext} bound. */
final class ContextExecutor implements Executor {

    private final Executor delegate;

    ContextExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        RequestContext captured = ContextHolder.get();
        if (captured == null) {
            delegate.execute(task);
            return;
        }
        delegate.execute(() -> {
            RequestContext previous = ContextHolder.get();
            ContextHolder.set(captured);
            try {
                task.run();
            } finally {
                ContextHolder.set(previous);
            }
        });
    }
}
