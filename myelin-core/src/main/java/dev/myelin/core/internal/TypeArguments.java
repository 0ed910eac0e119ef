package dev.myelin.core.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves, once at build time, the type arguments a class gives to a generic interface it
 * implements (directly, through other interfaces or through superclasses). Public for Myelin's
 * own modules (the built-in behaviors); not API.
 */
public final class TypeArguments {

    private TypeArguments() {
    }

    /**
     * Returns the raw classes of the type arguments {@code concrete} gives to {@code target}.
     * An argument that stays a type variable resolves to its first bound when
     * {@code useBounds} is set, otherwise to {@code null}.
     *
     * @param concrete the class to inspect
     * @param target the generic interface or class
     * @param useBounds whether a type variable of {@code concrete} stands for its bound
     * @return the raw arguments, or {@code null} when {@code target} is not a supertype
     */
    public static Class<?>[] of(Class<?> concrete, Class<?> target, boolean useBounds) {
        Type[] arguments = resolve(concrete, target, Map.of());
        if (arguments == null) {
            return null;
        }
        Class<?>[] raw = new Class<?>[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            // The target's own variable means nothing bound it: a lambda or a raw type.
            boolean unbound = arguments[i] instanceof TypeVariable<?> variable && variable.getGenericDeclaration() == target;
            raw[i] = unbound ? null : rawClass(arguments[i], useBounds);
        }
        return raw;
    }

    private static Type[] resolve(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] parameters = raw.getTypeParameters();
            Type[] actual = parameterized.getActualTypeArguments();
            for (int i = 0; i < parameters.length; i++) {
                bindings.put(parameters[i], substitute(actual[i], outer));
            }
        } else if (type instanceof Class<?> plain) {
            raw = plain;
        } else {
            return null;
        }
        if (raw == target) {
            TypeVariable<?>[] parameters = target.getTypeParameters();
            Type[] result = new Type[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                result[i] = bindings.getOrDefault(parameters[i], parameters[i]);
            }
            return result;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type[] found = resolve(parent, target, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : resolve(superclass, target, bindings);
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            return bindings.getOrDefault(variable, variable);
        }
        return type;
    }

    private static Class<?> rawClass(Type type, boolean useBounds) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof WildcardType wildcard) {
            return rawClass(wildcard.getUpperBounds()[0], true);
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        if (type instanceof TypeVariable<?> variable && useBounds) {
            return rawClass(variable.getBounds()[0], true);
        }
        return null;
    }
}
