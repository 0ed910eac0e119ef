package dev.myelin.spring.boot.internal;

import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Reads the type arguments with which a bean implements a generic interface, once at startup.
 *
 * <p>The bean's class answers first (through AOP proxies to the target class). A lambda or a JDK
 * proxy has no usable type arguments, so the bean definition answers next: the generic return type
 * of its {@code @Bean} method, such as {@code RequestHandler<PlaceOrder, OperationResult<OrderDto>>}.
 */
public final class BeanTypes {

    private BeanTypes() {
    }

    /**
     * A bean with its name, in the order of {@link AnnotationAwareOrderComparator}.
     *
     * @param name the bean name
     * @param instance the bean
     * @param <T> the bean type
     */
    public record Bean<T>(String name, T instance) {
    }

    /**
     * Returns the beans of a type that are autowire candidates, sorted by {@code Ordered} /
     * {@code @Order}, then by registration.
     *
     * @param beanFactory the bean factory
     * @param type the bean type
     * @param <T> the bean type
     * @return the beans
     */
    public static <T> List<Bean<T>> beansOfType(ConfigurableListableBeanFactory beanFactory, Class<T> type) {
        List<Bean<T>> beans = new ArrayList<>();
        for (String name : beanFactory.getBeanNamesForType(type)) {
            // The target of a scoped proxy is reached through its proxy, and is no candidate itself.
            if (ScopedProxyUtils.isScopedTarget(name) || (beanFactory.containsBeanDefinition(name)
                    && !beanFactory.getBeanDefinition(name).isAutowireCandidate())) {
                continue;
            }
            beans.add(new Bean<>(name, beanFactory.getBean(name, type)));
        }
        beans.sort((left, right) -> AnnotationAwareOrderComparator.INSTANCE.compare(left.instance(), right.instance()));
        return beans;
    }

    /**
     * Resolves the type arguments of {@code generic} as implemented by a bean.
     *
     * @param beanFactory the bean factory holding the bean's definition
     * @param bean the bean
     * @param generic the generic interface, such as {@code RequestHandler.class}
     * @param useBounds whether a type variable of the bean's own class may stand for its bound
     *     (for scopes such as a behavior's); when {@code false}, such a variable is unresolved
     * @return one class per type parameter of {@code generic}, or {@code null} when unresolved
     */
    public static Class<?>[] arguments(ConfigurableListableBeanFactory beanFactory, Bean<?> bean, Class<?> generic,
            boolean useBounds) {
        Class<?>[] fromClass = arguments(ResolvableType.forClass(AopUtils.getTargetClass(bean.instance())), generic, useBounds);
        if (fromClass != null) {
            return fromClass;
        }
        try {
            ResolvableType declared = beanFactory.getMergedBeanDefinition(bean.name()).getResolvableType();
            return arguments(declared, generic, useBounds);
        } catch (NoSuchBeanDefinitionException registeredAsInstance) {
            return null;
        }
    }

    /**
     * Returns whether the bean's own runtime class carries the type arguments, so that
     * {@code MediatorBuilder} can read them itself (it cannot for lambdas and JDK proxies).
     *
     * @param instance the bean
     * @param generic the generic interface
     * @return whether the runtime class resolves every type argument
     */
    public static boolean classResolves(Object instance, Class<?> generic) {
        return arguments(ResolvableType.forClass(instance.getClass()), generic, true) != null;
    }

    private static Class<?>[] arguments(ResolvableType type, Class<?> generic, boolean useBounds) {
        ResolvableType implemented = type.as(generic);
        if (implemented == ResolvableType.NONE) {
            return null;
        }
        ResolvableType[] generics = implemented.getGenerics();
        if (generics.length != generic.getTypeParameters().length) {
            return null;
        }
        Class<?> owner = type.resolve();
        Class<?>[] resolved = new Class<?>[generics.length];
        for (int i = 0; i < generics.length; i++) {
            if (!isResolvable(generics[i])
                    && !(useBounds && isDeclaredBy(generics[i].getType(), owner))) {
                // A lambda or a raw implementation: nothing to read (its bound would be a guess).
                return null;
            }
            resolved[i] = generics[i].resolve(Object.class);
        }
        return resolved;
    }

    /** Whether a type argument is known, rather than a type variable nothing binds. */
    private static boolean isResolvable(ResolvableType argument) {
        if (!(argument.getType() instanceof TypeVariable<?>)) {
            return true;
        }
        // Wrapping the variable lets Spring say whether its owners' resolvers bind it.
        return ResolvableType.forClassWithGenerics(Optional.class, argument).hasResolvableGenerics();
    }

    /** Whether a type variable belongs to the bean's own class or a superclass, whose bound is meant. */
    private static boolean isDeclaredBy(Type argument, Class<?> owner) {
        if (!(argument instanceof TypeVariable<?> variable) || owner == null || owner.isSynthetic()) {
            return false;
        }
        for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
            if (variable.getGenericDeclaration() == type) {
                return true;
            }
        }
        return false;
    }
}
