package dev.myelin.core.spi;

import java.util.function.Supplier;

/**
 * Supplies the instances of the handlers and behaviors that are registered by type: those found
 * by {@code MediatorBuilder.discover} and those registered with
 * {@code MediatorBuilder.handler(Class)}. The Spring starter does not need it (its handlers are
 * beans); a plain-Java application wires constructors by hand:
 *
 * <pre>{@code
 * builder.handlerFactory((type, constructor) -> type == PlaceOrderHandler.class
 *         ? new PlaceOrderHandler(orders, builder.mediator())
 *         : constructor.get());
 * }</pre>
 *
 * <p>Called once per type while the mediator is built, on the thread that calls
 * {@code build()}; the instance returned is used for every request (a singleton). For a new
 * handler per request, register a supplier with {@code MediatorBuilder.handlerPerSend}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HandlerFactory {

    /**
     * Returns the instance of {@code type} to register.
     *
     * @param type the class to instantiate
     * @param constructor calls its no-arg constructor (from the index, or found reflectively for
     *     a type registered by class), or {@code null} when it has none
     * @return an instance of {@code type}; {@code null} leaves a discovered type out, and is
     *     reported for a type registered by class
     * @throws RuntimeException when the type cannot be instantiated; the builder reports it
     */
    Object create(Class<?> type, Supplier<?> constructor);
}
