package dev.myelin.core.stream;

/**
 * A query whose result is a sequence of elements delivered as they are produced, such as an
 * export of every order of a day. Sent with {@link dev.myelin.core.Sender#stream} or
 * {@link dev.myelin.core.Sender#streamPublisher}; wrapped by {@link StreamBehavior}s, not by
 * pipeline behaviors.
 *
 * @param <T> the element type
 * @since 0.1
 */
public interface StreamQuery<T> {
}
