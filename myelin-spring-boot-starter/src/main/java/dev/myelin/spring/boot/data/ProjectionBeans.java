package dev.myelin.spring.boot.data;

import dev.myelin.data.projection.Projection;
import dev.myelin.spring.boot.internal.BeanTypes;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/** The {@link Projection} beans, split by {@link InlineProjection}, in {@code @Order} order. */
final class ProjectionBeans {

    private ProjectionBeans() {
    }

    static List<Projection> inline(ConfigurableListableBeanFactory beanFactory) {
        return select(beanFactory, true);
    }

    static List<Projection> asynchronous(ConfigurableListableBeanFactory beanFactory) {
        return select(beanFactory, false);
    }

    private static List<Projection> select(ConfigurableListableBeanFactory beanFactory, boolean inline) {
        return BeanTypes.beansOfType(beanFactory, Projection.class).stream()
                .filter(bean -> (beanFactory.findAnnotationOnBean(bean.name(), InlineProjection.class) != null) == inline)
                .map(BeanTypes.Bean::instance)
                .toList();
    }
}
