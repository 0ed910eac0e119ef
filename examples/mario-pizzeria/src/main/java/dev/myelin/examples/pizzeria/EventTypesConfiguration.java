package dev.myelin.examples.pizzeria;

import dev.myelin.examples.pizzeria.menu.PizzaAdded;
import dev.myelin.examples.pizzeria.menu.PizzaChanged;
import dev.myelin.examples.pizzeria.menu.PizzaRemoved;
import dev.myelin.examples.pizzeria.orders.CookingStarted;
import dev.myelin.examples.pizzeria.orders.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.OrderConfirmed;
import dev.myelin.examples.pizzeria.orders.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.OrderReady;
import dev.myelin.examples.pizzeria.orders.OrderViewed;
import dev.myelin.examples.pizzeria.orders.PaymentAuthorized;
import dev.myelin.examples.pizzeria.orders.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.PizzaReady;
import dev.myelin.postgres.EventTypeRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers every domain event of the pizzeria under its stored name (its simple class name, version
 * 1), so that renaming a class never silently changes what the event store holds.
 */
@Configuration(proxyBeanMethods = false)
class EventTypesConfiguration {

    @Bean
    EventTypeRegistry eventTypeRegistry() {
        return EventTypeRegistry.builder()
                .register(PizzaAdded.class)
                .register(PizzaChanged.class)
                .register(PizzaRemoved.class)
                .register(OrderPlaced.class)
                .register(PaymentProcessed.class)
                .register(PaymentAuthorized.class)
                .register(OrderConfirmed.class)
                .register(CookingStarted.class)
                .register(PizzaReady.class)
                .register(OrderReady.class)
                .register(DeliveryAssigned.class)
                .register(OrderOutForDelivery.class)
                .register(OrderDelivered.class)
                .register(OrderCancelled.class)
                .register(OrderViewed.class)
                .build();
    }
}
