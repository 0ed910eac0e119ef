package dev.myelin.examples.demo;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;

/** Prints each request with how long it took: a behavior for every request type. */
public final class TimingBehavior implements PipelineBehavior<Request<?>, Object> {

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        long start = System.nanoTime();
        Object result = next.invoke(request);
        System.out.printf("  [timing] %s took %d µs%n", request.getClass().getSimpleName(),
                (System.nanoTime() - start) / 1_000);
        return result;
    }

    @Override
    public int order() {
        return BehaviorOrder.LOGGING;
    }
}
