package dev.myelin.spring.boot;

import dev.myelin.core.Request;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the request types the application declares: the concrete classes (records included)
 * implementing {@link Request}, through {@code Command} or {@code Query}, in the application's
 * auto-configuration packages (the package of its {@code @SpringBootApplication} and those added
 * with {@code @AutoConfigurationPackage}). Reads class files once, at startup, with Spring's
 * component scanner (class metadata only; it loads the classes it finds). Without registered
 * packages, as in a context built by hand, it finds nothing.
 */
final class DeclaredRequests {

    private DeclaredRequests() {
    }

    static List<Class<?>> in(ConfigurableListableBeanFactory beanFactory) {
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return List.of();
        }
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                // Any concrete top-level or static nested class: requests are no components.
                AnnotationMetadata metadata = definition.getMetadata();
                return metadata.isIndependent() && metadata.isConcrete();
            }
        };
        scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
        scanner.addIncludeFilter(new AssignableTypeFilter(Request.class));
        List<Class<?>> types = new ArrayList<>();
        for (String packageName : AutoConfigurationPackages.get(beanFactory)) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(packageName)) {
                types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader));
            }
        }
        return types;
    }
}
