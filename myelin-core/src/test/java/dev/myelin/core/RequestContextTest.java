package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RequestContextTest {

    record PlaceOrder() implements Command<String> {
    }

    record GetPrice() implements Query<String> {
    }

    record OrderPlaced() implements Event {
    }

    record Seen(String where, RequestContext context) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private Mediator mediator;

    private Mediator build() {
        mediator = Mediator.builder()
                .handler(PlaceOrder.class, command -> {
                    seen.add(new Seen("place", RequestContext.current()));
                    mediator.send(new GetPrice());
                    mediator.publish(new OrderPlaced());
                    return "placed";
                })
                .handler(GetPrice.class, query -> {
                    seen.add(new Seen("price", RequestContext.current()));
                    return "9.99";
                })
                .eventHandler(OrderPlaced.class, event -> seen.add(new Seen("placed", RequestContext.current())))
                .behavior(Command.class, (request, next) -> {
                    seen.add(new Seen("behavior", RequestContext.current()));
                    return next.invoke(request);
                })
                .build();
        return mediator;
    }

    @Test
    void nestedSendsAndPublishesInheritTheContextWithTheOuterMessageAsCausation() {
        RequestContext edge = RequestContext.builder().correlationId("corr-1").principal(Principal.of("ann", "customer"))
                .tenant("mario").metadata("idempotency-key", "k-1").build();
        try (Mediator built = build(); RequestContext.Scope scope = edge.bind()) {
            built.send(new PlaceOrder());
        }

        assertThat(seen).extracting(Seen::where).containsExactly("behavior", "place", "price", "placed");
        RequestContext place = seen.get(1).context();
        RequestContext price = seen.get(2).context();
        RequestContext placed = seen.get(3).context();
        assertThat(seen.get(0).context()).isSameAs(place);
        for (RequestContext context : List.of(place, price, placed)) {
            assertThat(context.correlationId()).contains("corr-1");
            assertThat(context.principal()).contains(Principal.of("ann", "customer"));
            assertThat(context.tenant()).contains("mario");
            assertThat(context.metadata()).containsEntry("idempotency-key", "k-1");
        }
        assertThat(place.causationId()).isEqualTo(edge.messageId());
        assertThat(price.causationId()).isEqualTo(place.messageId());
        assertThat(placed.causationId()).isEqualTo(place.messageId());
        assertThat(List.of(edge.messageId(), place.messageId(), price.messageId(), placed.messageId()))
                .doesNotHaveDuplicates();
        assertThat(RequestContext.current().isEmpty()).isTrue();
    }

    @Test
    void contextGoesWithSendAsyncToTheExecutorThread() {
        RequestContext edge = RequestContext.builder().correlationId("corr-async").build();
        try (Mediator built = build(); RequestContext.Scope scope = edge.bind()) {
            assertThat(built.sendAsync(new GetPrice())).succeedsWithin(Duration.ofSeconds(5));
        }
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.context().correlationId()).contains("corr-async");
            assertThat(s.context().causationId()).isEqualTo(edge.messageId());
        });
    }

    @Test
    void withoutABoundContextHandlersSeeTheEmptyContext() {
        try (Mediator built = build()) {
            built.send(new GetPrice());
        }
        assertThat(seen).singleElement().satisfies(s -> assertThat(s.context().isEmpty()).isTrue());
    }

    @Test
    void scopeRestoresThePreviousContextEvenWhenNested() {
        RequestContext outer = RequestContext.builder().correlationId("outer").build();
        RequestContext inner = RequestContext.builder().correlationId("inner").build();
        try (RequestContext.Scope first = outer.bind()) {
            try (RequestContext.Scope second = inner.bind()) {
                assertThat(RequestContext.current()).isSameAs(inner);
            }
            assertThat(RequestContext.current()).isSameAs(outer);
        }
        assertThat(RequestContext.current().isEmpty()).isTrue();
    }

    @Test
    void builtContextWithoutIdsGetsAMessageIdThatIsAlsoItsCorrelationId() {
        RequestContext context = RequestContext.builder().build();

        assertThat(context.messageId()).isPresent();
        assertThat(context.correlationId()).isEqualTo(context.messageId());
        assertThat(context.causationId()).isEmpty();
        assertThat(context.toBuilder().build().messageId()).isEqualTo(context.messageId());
    }

    @Test
    void contextRestoredAfterHandlerFailure() {
        RequestContext edge = RequestContext.builder().build();
        try (Mediator failing = Mediator.builder().handler(GetPrice.class, query -> {
            throw new IllegalStateException("boom");
        }).build(); RequestContext.Scope scope = edge.bind()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.send(new GetPrice()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(RequestContext.current()).isSameAs(edge);
        }
    }
}
