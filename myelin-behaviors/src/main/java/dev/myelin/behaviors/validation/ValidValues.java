package dev.myelin.behaviors.validation;

import dev.myelin.core.Command;
import dev.myelin.core.Query;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last values of one query type found valid, for a type whose validity is a function of its value
 * alone, so that an equal value sent again (a cached query's every hit) skips the validator.
 *
 * <p>Direct-mapped: a value's hash picks one of {@value #SLOTS} slots, holding the last valid value that
 * hashed there. A look-up is a {@code hashCode} and an {@code equals}, a store one array write; neither
 * allocates. Another value hashing to the same slot replaces it, so at most {@value #SLOTS} values are
 * kept per type, and a value not kept is validated as if it were new. Thread-safe.
 *
 * <p><b>Which types</b> ({@link #ofType}): queries (not commands, whose values may carry what should not
 * be kept) that are records whose components are all immutable values (primitives and their boxes,
 * {@code String}, enums, {@code BigDecimal}, {@code BigInteger}, {@code UUID}, {@code java.time} values),
 * with no class-level constraint, no cascade, no container element constraint, no request validator, and
 * only constraints of {@code jakarta.validation.constraints} that do not read the clock (so not
 * {@code @Past}, {@code @Future} and their {@code OrPresent} forms): for those, equal values have equal
 * violations, whatever the time or the state of the application. Records are assumed to keep their
 * value equality.
 */
final class ValidValues {

    static final int SLOTS = 64;

    private static final Set<Class<?>> VALUE_TYPES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class,
            UUID.class);

    private static final Set<String> CLOCK_CONSTRAINTS = Set.of("Past", "PastOrPresent", "Future", "FutureOrPresent");

    private final AtomicReferenceArray<Object> slots = new AtomicReferenceArray<>(SLOTS);

    private ValidValues() {
    }

    /**
     * Returns a memo for the type, or {@code null} when its validity may depend on more than its value.
     *
     * @param type the request type
     * @param constraints its bean descriptor
     * @param requestValidators whether request validators cover it
     * @return the memo, or {@code null}
     */
    static ValidValues ofType(Class<?> type, BeanDescriptor constraints, boolean requestValidators) {
        if (requestValidators || !type.isRecord() || !Query.class.isAssignableFrom(type)
                || Command.class.isAssignableFrom(type) || !constraints.getConstraintDescriptors().isEmpty()) {
            return null;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (!isValue(component.getType())) {
                return null;
            }
        }
        for (PropertyDescriptor property : constraints.getConstrainedProperties()) {
            if (property.isCascaded() || !property.getConstrainedContainerElementTypes().isEmpty()) {
                return null;
            }
            for (ConstraintDescriptor<?> constraint : property.getConstraintDescriptors()) {
                if (!isValueFunction(constraint)) {
                    return null;
                }
            }
        }
        return new ValidValues();
    }

    private static boolean isValue(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || VALUE_TYPES.contains(type)
                || type.getName().startsWith("java.time.")
                && (TemporalAccessor.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type));
    }

    private static boolean isValueFunction(ConstraintDescriptor<?> constraint) {
        Class<?> annotation = constraint.getAnnotation().annotationType();
        if (!"jakarta.validation.constraints".equals(annotation.getPackageName())
                || CLOCK_CONSTRAINTS.contains(annotation.getSimpleName())) {
            return false;
        }
        for (ConstraintDescriptor<?> composing : constraint.getComposingConstraints()) {
            if (!isValueFunction(composing)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the slot of a value.
     *
     * @param value a request of this memo's type
     * @return its slot
     */
    static int slotOf(Object value) {
        int hash = value.hashCode();
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    /**
     * Returns whether an equal value was found valid and is still kept.
     *
     * @param slot the value's {@link #slotOf slot}
     * @param value the value
     * @return whether it is known valid
     */
    boolean contains(int slot, Object value) {
        Object known = slots.get(slot);
        return known != null && known.equals(value);
    }

    /**
     * Keeps a value found valid.
     *
     * @param slot the value's {@link #slotOf slot}
     * @param value the value
     */
    void add(int slot, Object value) {
        slots.set(slot, value);
    }
}
