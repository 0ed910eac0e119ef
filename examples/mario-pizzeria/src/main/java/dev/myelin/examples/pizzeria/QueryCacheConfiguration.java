package dev.myelin.examples.pizzeria;

import dev.myelin.behaviors.caching.CacheInvalidationChannel;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.examples.pizzeria.analytics.GetPopularPizzas;
import dev.myelin.examples.pizzeria.kitchen.GetKitchenQueue;
import dev.myelin.spring.boot.behaviors.BehaviorsProperties;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The caching behavior of the starter, built the same way ({@code myelin.behaviors.caching.*}), plus the
 * seed's time to live of the kitchen queue (2 minutes) and of the popular pizzas (5 minutes), which
 * {@code pizzeria.cache.kitchen-queue} and {@code pizzeria.cache.popular-pizzas} change. The starter's
 * bean backs off for this one. Off with the rest of caching ({@code myelin.behaviors.caching.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryCacheConfiguration.QueryCacheProperties.class)
@ConditionalOnProperty(name = "myelin.behaviors.caching.enabled", havingValue = "true", matchIfMissing = true)
class QueryCacheConfiguration {

    @Bean
    CachingBehavior pizzeriaCachingBehavior(BehaviorsProperties behaviors, QueryCacheProperties ttls,
            ObjectProvider<TransactionRunner> runner, ObjectProvider<CacheInvalidationChannel> channel) {
        CachingBehavior.Builder builder = CachingBehavior.builder()
                .maximumSize(behaviors.getCaching().getMaximumSize())
                .defaultTtl(behaviors.getCaching().getDefaultTtl())
                .ttl(GetKitchenQueue.class, ttls.kitchenQueue())
                .ttl(GetPopularPizzas.class, ttls.popularPizzas());
        runner.ifUnique(builder::transactions);
        channel.ifUnique(builder::invalidationChannel);
        return builder.build();
    }

    /**
     * Time to live of the pizzeria's cached queries whose seed value is worth configuring.
     *
     * @param kitchenQueue the kitchen queue's (the seed's 2 minutes)
     * @param popularPizzas the popular pizzas' (the seed's default of 5 minutes)
     */
    @ConfigurationProperties("pizzeria.cache")
    record QueryCacheProperties(@DefaultValue("2m") Duration kitchenQueue, @DefaultValue("5m") Duration popularPizzas) {
    }
}
