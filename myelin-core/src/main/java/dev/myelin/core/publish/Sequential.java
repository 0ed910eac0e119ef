package dev.myelin.core.publish;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** The two sequential strategies; they differ only in what a failure does. */
enum Sequential implements PublishStrategy {

    STOP_ON_FIRST_ERROR {
        @Override
        public void publish(Event event, List<EventHandler<Event>> handlers, Executor executor) {
            for (int i = 0, n = handlers.size(); i < n; i++) {
                handlers.get(i).handle(event);
            }
        }
    },

    COLLECT_ALL_ERRORS {
        @Override
        public void publish(Event event, List<EventHandler<Event>> handlers, Executor executor) {
            List<Throwable> failures = null;
            for (int i = 0, n = handlers.size(); i < n; i++) {
                try {
                    handlers.get(i).handle(event);
                } catch (RuntimeException | Error failure) {
                    if (failures == null) {
                        failures = new ArrayList<>(2);
                    }
                    failures.add(failure);
                }
            }
            if (failures != null) {
                throw new PublishException(event, failures);
            }
        }
    }
}
