package dev.myelin.spring.boot.web;

import dev.myelin.behaviors.idempotency.IdempotencyConflictException;
import dev.myelin.behaviors.idempotency.IdempotencyKeyReusedException;
import dev.myelin.core.OperationResult;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the idempotency behavior's exceptions, thrown for commands whose result is not an
 * {@code OperationResult}, with the problems the IETF draft names: 409 while the first request with
 * the key is still in progress, 422 when the key was used with a different request. Commands that
 * return an {@code OperationResult} get those as results and never reach this advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class IdempotencyProblems {

    private final ResultMapper resultMapper;

    IdempotencyProblems(ResultMapper resultMapper) {
        this.resultMapper = resultMapper;
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<Object> inProgress(IdempotencyConflictException failure) {
        return resultMapper.toResponse(OperationResult.conflict(failure.getMessage() + "; try again later"));
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<Object> reused(IdempotencyKeyReusedException failure) {
        return resultMapper.toResponse(OperationResult.unprocessable(failure.getMessage()));
    }
}
