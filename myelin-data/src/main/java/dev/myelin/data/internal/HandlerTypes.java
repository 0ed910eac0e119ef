package dev.myelin.data.internal;

import dev.myelin.core.EventHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Finds the event type an {@link EventHandler} class declares. */
public final class HandlerTypes {

    private HandlerTypes() {
    }

    /**
     * Returns the event type argument of a handler class.
     *
     * @param handlerClass the handler's class
     * @return the declared event type
     * @throws IllegalArgumentException when the class does not name it (a lambda, a generic class)
     */
    public static Class<?> eventTypeOf(Class<?> handlerClass) {
        for (Class<?> type = handlerClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Type candidate : type.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == EventHandler.class) {
                    Type argument = parameterized.getActualTypeArguments()[0];
                    if (argument instanceof Class<?> eventType) {
                        return eventType;
                    }
                    if (argument instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                }
            }
        }
        throw new IllegalArgumentException("Cannot tell which events " + handlerClass.getName()
                + " handles (a lambda or a generic class); register it with its event type");
    }

    /**
     * Describes a failure for a dead letter: class, message and stack trace, at most 16,000 chars.
     *
     * @param failure the failure
     * @return the description
     */
    public static String describe(Throwable failure) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        String text = trace.toString();
        return text.length() <= 16_000 ? text : text.substring(0, 16_000);
    }
}
