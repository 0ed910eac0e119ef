package dev.myelin.examples.pizzeria.shared;

import dev.myelin.core.ConcurrencyConflictException;
import dev.myelin.core.ExceptionHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Request;
import org.springframework.stereotype.Component;

/**
 * Answers 409 when a command still lost a race after its retries (commands marked {@code @Retry} run
 * again on a {@link ConcurrencyConflictException}: two cooks marking pizzas of one order ready at the
 * same instant both succeed); without it the mediator would answer 500. The command's transaction
 * has rolled back: nothing of it was saved.
 */
@Component
class ConcurrentChangeHandler implements ExceptionHandler<ConcurrencyConflictException> {

    @Override
    public OperationResult<?> handle(ConcurrencyConflictException exception, Request<?> request) {
        return OperationResult.conflict("Someone changed the same data at the same time; please try again");
    }
}
