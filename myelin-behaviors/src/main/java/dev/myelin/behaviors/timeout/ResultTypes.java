package dev.myelin.behaviors.timeout;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Request;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells, once per request type, whether its {@code Request<R>} declares an {@code OperationResult}
 * result, so that a behavior answers with a failure result only where the caller expects one.
 * The same few lines live in each behavior package that needs them, to keep the packages
 * independent of one another.
 */
final class ResultTypes {

    private static final ClassValue<Boolean> OPERATION_RESULT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> requestType) {
            Type argument = requestArgument(requestType, Map.of());
            return argument != null && OperationResult.class.isAssignableFrom(rawClass(argument));
        }
    };

    private ResultTypes() {
    }

    /** Returns whether the request type's declared result type is an {@code OperationResult}. */
    static boolean returnsOperationResult(Class<?> requestType) {
        return OPERATION_RESULT.get(requestType);
    }

    /** Returns the type given to {@code Request}'s parameter along the type's hierarchy. */
    private static Type requestArgument(Type type, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] parameters = raw.getTypeParameters();
            Type[] actual = parameterized.getActualTypeArguments();
            for (int i = 0; i < parameters.length; i++) {
                Type argument = actual[i];
                bindings.put(parameters[i], argument instanceof TypeVariable<?> variable
                        ? outer.getOrDefault(variable, variable) : argument);
            }
        } else if (type instanceof Class<?> plain) {
            raw = plain;
        } else {
            return null;
        }
        if (raw == Request.class) {
            return bindings.get(Request.class.getTypeParameters()[0]);
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = requestArgument(parent, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : requestArgument(superclass, bindings);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof WildcardType wildcard) {
            return rawClass(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> variable) {
            return rawClass(variable.getBounds()[0]);
        }
        return Object.class;
    }
}
