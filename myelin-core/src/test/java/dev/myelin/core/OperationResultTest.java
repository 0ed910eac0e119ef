package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OperationResultTest {

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.ok("d"), 200, "OK", true),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.created("d"), 201, "Created", true),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.accepted("d"), 202, "Accepted", true),
                Arguments.of((Supplier<OperationResult<?>>) OperationResult::noContent, 204, "No Content", true),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.badRequest("x"), 400, "Bad Request", false),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.unauthorized("x"), 401, "Unauthorized", false),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.forbidden("x"), 403, "Forbidden", false),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.notFound("Order", "x"), 404, "Not Found", false),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.conflict("x"), 409, "Conflict", false),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.unprocessable("x"), 422,
                        "Unprocessable Content", false),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.internalServerError("x"), 500,
                        "Internal Server Error", false),
                Arguments.of((Supplier<OperationResult<?>>) () -> OperationResult.serviceUnavailable("x"), 503,
                        "Service Unavailable", false));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("factories")
    void factoryGivesStatusTitleAndSuccess(Supplier<OperationResult<?>> factory, int status, String title, boolean success) {
        OperationResult<?> result = factory.get();

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.title()).isEqualTo(title);
        assertThat(result.isSuccess()).isEqualTo(success);
        assertThat(result.type()).isEqualTo(URI.create("about:blank"));
        assertThat(result.errors()).isEmpty();
        if (success) {
            assertThat(result.detail()).isNull();
        } else {
            assertThat(result.data()).isNull();
            assertThat(result.detail()).isNotBlank();
        }
    }

    @Test
    void notFoundNamesTheTypeAndTheId() {
        assertThat(OperationResult.notFound("Order", "42").detail()).isEqualTo("Order '42' was not found");
    }

    @Test
    void validationFailedListsTheErrorsOfEachFieldInOrder() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        errors.put("customer_phone", List.of("must have at least 10 characters"));
        errors.put("pizza_items", List.of("must not be empty", "must have at most 50 items"));

        OperationResult<Object> result = OperationResult.validationFailed(errors);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.title()).isEqualTo("Validation failed");
        assertThat(result.detail()).isEqualTo("3 fields are invalid");
        assertThat(result.errors()).containsExactly(Map.entry("customer_phone", List.of("must have at least 10 characters")),
                Map.entry("pizza_items", List.of("must not be empty", "must have at most 50 items")));
        errors.clear();
        assertThat(result.errors()).hasSize(2);
        assertThatThrownBy(() -> result.errors().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mapTransformsTheDataOfASuccessAndKeepsAFailure() {
        assertThat(OperationResult.created(20).map(n -> n * 2)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.data()).isEqualTo(40);
        });
        OperationResult<Integer> failure = OperationResult.conflict("Order is already cooking");
        assertThat(failure.map(n -> n * 2)).isSameAs(failure);
    }

    @Test
    void withTypeAndInstanceGiveProblemDetails() {
        OperationResult<Object> result = OperationResult.conflict("late").withType(URI.create("https://myelin.dev/problems/conflict"))
                .withInstance(URI.create("/api/orders/1"));

        assertThat(result.type()).hasToString("https://myelin.dev/problems/conflict");
        assertThat(result.instance()).hasToString("/api/orders/1");
        assertThat(result.status()).isEqualTo(409);
    }

    @Test
    void problemRefusesASuccessStatusAndTheRecordRefusesANonHttpStatus() {
        assertThatThrownBy(() -> OperationResult.problem(200, "OK", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OperationResult<>(OperationResult.BLANK, "x", 99, null, null, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsAreValuesComparedByContent() {
        assertThat(OperationResult.ok("a")).isEqualTo(OperationResult.ok("a")).isNotEqualTo(OperationResult.created("a"));
    }
}
