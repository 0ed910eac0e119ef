package dev.myelin.examples.pizzeria;

import dev.myelin.examples.pizzeria.inventory.IngredientRestocked;
import dev.myelin.examples.pizzeria.inventory.StockConsumed;
import dev.myelin.examples.pizzeria.inventory.StockReleased;
import dev.myelin.examples.pizzeria.inventory.StockReserved;
import dev.myelin.examples.pizzeria.menu.PizzaAdded;
import dev.myelin.examples.pizzeria.menu.PizzaChanged;
import dev.myelin.examples.pizzeria.menu.PizzaRemoved;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderConfirmed;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderReady;
import dev.myelin.examples.pizzeria.orders.events.OrderViewed;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
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
                .register(IngredientRestocked.class)
                .register(StockReserved.class)
                .register(StockReleased.class)
                .register(StockConsumed.class)
                .build();
    }
}
