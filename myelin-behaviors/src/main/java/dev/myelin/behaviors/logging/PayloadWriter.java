package dev.myelin.behaviors.logging;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a request as {@code PlaceOrder[customerName=Mario, customerPhone=***, ...]}: the shape of
 * a record's {@code toString()}, with {@link Sensitive} components masked, recursing into nested
 * records, collections, maps and arrays. The components of each record type are resolved once and
 * cached; only the accessor calls happen per write. Other objects are written with
 * {@code toString()}. Thread-safe.
 */
final class PayloadWriter {

    /** Deeper values are cut, so that a self-referencing collection cannot loop forever. */
    private static final int MAX_DEPTH = 16;

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] declared = type.getRecordComponents();
            Component[] components = new Component[declared.length];
            for (int i = 0; i < declared.length; i++) {
                Method accessor = declared[i].getAccessor();
                try {
                    accessor.setAccessible(true);
                } catch (RuntimeException inaccessible) {
                    // A record in a module that does not open its package: written as "?".
                    accessor = null;
                }
                components[i] = new Component(declared[i].getName(), accessor, declared[i].isAnnotationPresent(Sensitive.class));
            }
            return components;
        }
    };

    private PayloadWriter() {
    }

    /** Resolves and caches the components of a record type ahead of the first write. */
    static void prepare(Class<?> type) {
        if (type.isRecord()) {
            COMPONENTS.get(type);
        }
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        append(out, value, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (depth > MAX_DEPTH) {
            out.append("...");
        } else if (value instanceof Record) {
            appendRecord(out, value, depth);
        } else if (value instanceof Collection<?> collection) {
            appendAll(out, collection.iterator(), depth);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                append(out, entry.getKey(), depth + 1);
                out.append('=');
                append(out, entry.getValue(), depth + 1);
                if (entries.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (value.getClass().isArray()) {
            out.append('[');
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(out, Array.get(value, i), depth + 1);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    private static void appendRecord(StringBuilder out, Object record, int depth) {
        out.append(record.getClass().getSimpleName()).append('[');
        Component[] components = COMPONENTS.get(record.getClass());
        for (int i = 0; i < components.length; i++) {
            Component component = components[i];
            if (i > 0) {
                out.append(", ");
            }
            out.append(component.name).append('=');
            if (component.sensitive) {
                out.append(LoggingBehavior.MASK);
            } else if (component.accessor == null) {
                out.append('?');
            } else {
                Object value;
                try {
                    value = component.accessor.invoke(record);
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    out.append('?');
                    continue;
                }
                append(out, value, depth + 1);
            }
        }
        out.append(']');
    }

    private static void appendAll(StringBuilder out, Iterator<?> elements, int depth) {
        out.append('[');
        while (elements.hasNext()) {
            append(out, elements.next(), depth + 1);
            if (elements.hasNext()) {
                out.append(", ");
            }
        }
        out.append(']');
    }

    /** One record component: its name, its accessor ({@code null} if unreadable), whether masked. */
    private record Component(String name, Method accessor, boolean sensitive) {
    }
}
