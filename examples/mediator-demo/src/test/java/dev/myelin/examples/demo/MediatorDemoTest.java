package dev.myelin.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediatorDemoTest {

    @Test
    void discoveredHandlersPlaceAnOrderAndReadItsStatus() {
        try (Mediator mediator = MediatorDemo.mediator(new Orders())) {
            OperationResult<PlaceOrder.Placed> placed = mediator.send(new PlaceOrder("Ann", List.of("margherita", "diavola")));

            assertThat(placed.status()).isEqualTo(201);
            assertThat(placed.data().totalAmount()).isEqualByComparingTo(new BigDecimal("25.98"));

            OperationResult<GetOrderStatus.Status> status = mediator.send(new GetOrderStatus(placed.data().orderId()));
            assertThat(status.data().status()).isEqualTo("pending");
            assertThat(status.data().customerName()).isEqualTo("Ann");
        }
    }

    @Test
    void unknownOrderIsNotFoundNamingTheId() {
        try (Mediator mediator = MediatorDemo.mediator(new Orders())) {
            OperationResult<GetOrderStatus.Status> status = mediator.send(new GetOrderStatus("nope"));

            assertThat(status.status()).isEqualTo(404);
            assertThat(status.detail()).isEqualTo("Order 'nope' was not found");
        }
    }
}
