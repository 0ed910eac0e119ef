package dev.myelin.spring.boot;

import dev.myelin.core.Mediator;
import dev.myelin.core.MediatorBuilder;
import dev.myelin.core.publish.PublishStrategy;
import dev.myelin.spring.boot.internal.DomainEventRoute;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The mediator bean and the customizer that applies {@link MediatorProperties}. */
@Configuration(proxyBeanMethods = false)
class MediatorConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Mediator.class)
    static Mediator mediator(ObjectProvider<MediatorBuilderCustomizer> customizers,
            ConfigurableListableBeanFactory beanFactory, MediatorProperties properties,
            ObjectProvider<DomainEventRoute> domainEventRoute) {
        return new SpringMediator(customizers,
                new BeanRegistrations(beanFactory, properties.isCheckDeclaredRequests()), domainEventRoute);
    }

    @Bean
    static MediatorBuilderCustomizer myelinPublishStrategyCustomizer(MediatorProperties properties) {
        return new PublishStrategyCustomizer(properties.getPublishStrategy());
    }

    /** Sets the configured publish strategy, at the defaults' order so that users may override it. */
    static final class PublishStrategyCustomizer implements MediatorBuilderCustomizer, Ordered {

        private final MediatorProperties.Publish strategy;

        PublishStrategyCustomizer(MediatorProperties.Publish strategy) {
            this.strategy = strategy;
        }

        @Override
        public void customize(MediatorBuilder builder) {
            builder.publishStrategy(switch (strategy) {
                case STOP_ON_FIRST_ERROR -> PublishStrategy.stopOnFirstError();
                case COLLECT_ALL_ERRORS -> PublishStrategy.collectAllErrors();
                case PARALLEL -> PublishStrategy.parallel();
            });
        }

        @Override
        public int getOrder() {
            return DEFAULTS_ORDER;
        }
    }
}
