package dev.myelin.behaviors.authorization;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves, once per type and never per send, the first type argument that a class gives to a
 * generic interface it implements, such as the {@code R} of {@code Request<R>}. Copied in each
 * behavior package that needs it because built-in behaviors use only the public core API.
 */
final class TypeArgument {

    private TypeArgument() {
    }

    /**
     * Returns the raw class of the first type argument {@code concrete} gives to {@code target}.
     *
     * @return the raw class, or {@code null} when {@code target} is not a supertype or the
     *     argument is unbound (a raw type or a lambda)
     */
    static Class<?> of(Class<?> concrete, Class<?> target) {
        Type argument = resolve(concrete, target, Map.of());
        return argument == null ? null : raw(argument);
    }

    private static Type resolve(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
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
        if (raw == target) {
            TypeVariable<?>[] parameters = target.getTypeParameters();
            return parameters.length == 0 ? null : bindings.get(parameters[0]);
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = resolve(parent, target, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : resolve(superclass, target, bindings);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof WildcardType wildcard) {
            return raw(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> variable) {
            // Unbound at the target's own declaration: nothing said what it is.
            return variable.getGenericDeclaration() instanceof Class<?> ? boundOf(variable) : null;
        }
        return null;
    }

    private static Class<?> boundOf(TypeVariable<?> variable) {
        Type bound = variable.getBounds()[0];
        return bound == Object.class ? null : raw(bound);
    }
}
