package dev.myelin.core.spi;

import java.util.function.Supplier;

/**
 * Supplies the instances of discovered handlers and behaviors. The Spring starter implements it
 * to hand out beans; a plain-Java application can wire constructors by hand.
 *
 * <p>Called once per indexed type while the mediator is built; the instance returned is used for
 * every request (a singleton). A factory that needs another scope returns a delegating instance.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HandlerFactory {

    /**
     * Returns the instance of {@code type} to register.
     *
     * @param type the indexed class
     * @param constructor its no-arg constructor from the index, or {@code null} if none
     * @param <T> the indexed type
     * @return the instance, or {@code null} to leave the type out
     * @throws RuntimeException when the type cannot be instantiated; the builder reports it
     */
    <T> T create(Class<T> type, Supplier<?> constructor);
}
