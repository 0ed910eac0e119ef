package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExceptionHandlerTest {

    static class PaymentException extends RuntimeException {
        PaymentException(String message) {
            super(message);
        }
    }

    static final class PaymentDeclinedException extends PaymentException {
        PaymentDeclinedException() {
            super("card 4000-0000-0000-0002 declined by gateway acquirer-7");
        }
    }

    static final class KitchenOverloadedException extends RuntimeException {
    }

    record Pay(String kind) implements Command<OperationResult<String>> {
    }

    record Plain(String kind) implements Query<String> {
    }

    static final class PayHandler implements CommandHandler<Pay, OperationResult<String>> {
        @Override
        public OperationResult<String> handle(Pay command) {
            switch (command.kind()) {
                case "declined" -> throw new PaymentDeclinedException();
                case "payment" -> throw new PaymentException("gateway timeout at 10.0.0.7");
                case "kitchen" -> throw new KitchenOverloadedException();
                case "state" -> throw new IllegalStateException("password=hunter2");
                default -> {
                    return OperationResult.ok("paid");
                }
            }
        }
    }

    static final class DeclinedToBadRequest implements ExceptionHandler<PaymentException> {
        @Override
        public OperationResult<?> handle(PaymentException exception, Request<?> request) {
            return OperationResult.badRequest("Payment was declined. Please try a different payment method.");
        }
    }

    private Mediator mediator() {
        return Mediator.builder()
                .handler(new PayHandler())
                .handler(Plain.class, query -> {
                    throw new IllegalStateException("plain failure");
                })
                .exceptionHandler(new DeclinedToBadRequest())
                .exceptionHandler(KitchenOverloadedException.class,
                        (exception, request) -> OperationResult.serviceUnavailable(
                                "Kitchen is at capacity. Estimated wait time is 45 minutes."))
                .build();
    }

    @Test
    void exceptionIsMappedByTheHandlerOfItsSupertype() {
        try (Mediator mediator = mediator()) {
            OperationResult<String> result = mediator.send(new Pay("declined"));

            assertThat(result.status()).isEqualTo(400);
            assertThat(result.detail()).isEqualTo("Payment was declined. Please try a different payment method.");
        }
    }

    @Test
    void exceptionIsMappedByTheHandlerOfItsOwnType() {
        try (Mediator mediator = mediator()) {
            OperationResult<String> result = mediator.send(new Pay("kitchen"));

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.isSuccess()).isFalse();
        }
    }

    @Test
    void unmappedExceptionBecomes500WithoutLeakingItsMessage() {
        try (Mediator mediator = mediator()) {
            OperationResult<String> result = mediator.send(new Pay("state"));

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.title()).isEqualTo("Internal Server Error");
            assertThat(result.detail()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        }
    }

    @Test
    void unmappedConcurrencyConflictBecomes409() {
        PipelineBehavior<Object, Object> losing = (request, next) -> {
            throw new ConcurrencyConflictException("Order-1 expected version 3, found 4");
        };
        try (Mediator mediator = Mediator.builder().handler(new PayHandler()).behavior(Command.class, losing).build()) {
            OperationResult<String> result = mediator.send(new Pay("ok"));

            assertThat(result.status()).isEqualTo(409);
            assertThat(result.detail()).doesNotContain("Order-1");
        }
    }

    @Test
    void unmappedExceptionReferencesTheMessageIdWhenAContextIsBound() {
        try (Mediator mediator = mediator();
                RequestContext.Scope scope = RequestContext.builder().correlationId("c-1").build().bind()) {
            OperationResult<String> result = mediator.send(new Pay("state"));

            assertThat(result.detail()).startsWith("An unexpected error occurred. Reference: ");
        }
    }

    @Test
    void exceptionThrownByABehaviorIsMappedToo() {
        PipelineBehavior<Object, Object> failing = (request, next) -> {
            throw new PaymentDeclinedException();
        };
        try (Mediator mediator = Mediator.builder().handler(new PayHandler()).behavior(Command.class, failing)
                .exceptionHandler(new DeclinedToBadRequest()).build()) {
            OperationResult<String> result = mediator.send(new Pay("ok"));

            assertThat(result.status()).isEqualTo(400);
        }
    }

    @Test
    void exceptionPropagatesUnchangedWhenTheResultIsNotAnOperationResult() {
        try (Mediator mediator = mediator()) {
            assertThatThrownBy(() -> mediator.send(new Plain("x")))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("plain failure");
        }
    }

    @Test
    void failingExceptionHandlerBecomes500() {
        try (Mediator mediator = Mediator.builder().handler(new PayHandler())
                .exceptionHandler(PaymentException.class, (exception, request) -> {
                    throw new IllegalArgumentException("mapper bug");
                }).build()) {
            OperationResult<String> result = mediator.send(new Pay("payment"));

            assertThat(result.status()).isEqualTo(500);
            assertThat(result.detail()).doesNotContain("mapper bug").doesNotContain("10.0.0.7");
        }
    }

    @Test
    void errorsAreNeverSwallowed() {
        try (Mediator mediator = Mediator.builder().handler(Pay.class, command -> {
            throw new StackOverflowError("deep");
        }).build()) {
            assertThatThrownBy(() -> mediator.send(new Pay("x"))).isInstanceOf(StackOverflowError.class);
        }
    }

    static final class ForgetfulPayHandler implements CommandHandler<Pay, OperationResult<String>> {
        @Override
        public OperationResult<String> handle(Pay command) {
            return null;
        }
    }

    @Test
    void nullForAnOperationResultIsAnErrorNamingTheHandlerNotAResult() {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Mediator mediator = Mediator.builder()
                .handler(new ForgetfulPayHandler())
                .exceptionHandler(IllegalStateException.class, (exception, request) -> {
                    seen.add(exception.getMessage());
                    return OperationResult.internalServerError("mapped");
                })
                .build()) {
            OperationResult<String> result = mediator.send(new Pay("anything"));

            assertThat(result.status()).isEqualTo(500);
            assertThat(seen).containsExactly("Handler " + ForgetfulPayHandler.class.getName() + " returned null for "
                    + Pay.class.getName() + ", whose result type is OperationResult: return a result, such as "
                    + "OperationResult.noContent()");
        }
    }

    @Test
    void nullForAnOperationResultFromAPerSendHandlerOrALambdaIsAnErrorToo() {
        try (Mediator mediator = Mediator.builder()
                .handlerPerSend(Pay.class, ForgetfulPayHandler::new)
                .build()) {
            OperationResult<String> result = mediator.send(new Pay("anything"));

            assertThat(result).isNotNull();
            assertThat(result.status()).isEqualTo(500);
        }
        try (Mediator mediator = Mediator.builder().handler(Pay.class, command -> null).build()) {
            assertThat(mediator.send(new Pay("anything")).status()).isEqualTo(500);
        }
    }

    @Test
    void nullForAnyOtherResultTypeIsPassedThrough() {
        try (Mediator mediator = Mediator.builder().handler(Plain.class, query -> null).build()) {
            assertThat(mediator.send(new Plain("x"))).isNull();
        }
    }
}
