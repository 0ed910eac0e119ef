package dev.myelin.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Composes the chain of each streaming query type, like {@link Pipelines}. */
final class StreamPipelines extends ClassValue<Link> {

    private final Map<Class<?>, Registrations.StreamHandler> handlers;
    private final List<Registrations.StreamDecorator> behaviors;

    StreamPipelines(List<Registrations.StreamHandler> handlers, List<Registrations.StreamDecorator> behaviors) {
        this.handlers = handlers.stream().collect(
                Collectors.toUnmodifiableMap(Registrations.StreamHandler::queryType, Function.identity()));
        List<Registrations.StreamDecorator> sorted = new ArrayList<>(behaviors);
        sorted.sort(Comparator.comparingInt(Registrations.StreamDecorator::order)
                .thenComparingInt(Registrations.StreamDecorator::sequence));
        this.behaviors = List.copyOf(sorted);
        this.handlers.keySet().forEach(this::get);
    }

    @Override
    protected Link computeValue(Class<?> queryType) {
        Registrations.StreamHandler handler = handlers.get(queryType);
        if (handler == null) {
            return new Link.Missing(queryType);
        }
        Link link = new Link.StreamHandler(handler.handler());
        for (int i = behaviors.size() - 1; i >= 0; i--) {
            Registrations.StreamDecorator behavior = behaviors.get(i);
            if (behavior.scope().isAssignableFrom(queryType)) {
                link = new Link.StreamDecorator(behavior.behavior(), link);
            }
        }
        return link;
    }
}
