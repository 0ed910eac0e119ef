package dev.myelin.spring.boot;

import dev.myelin.core.Next;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Request;

/**
 * Keeps the result scope of a behavior bean whose class cannot tell it (a lambda declared by a
 * {@code @Bean} method returning {@code PipelineBehavior<Command<?>, OperationResult<?>>}), since
 * {@code MediatorBuilder.behavior(scope, behavior)} takes the request scope only. Costs one call
 * per send, and only for such beans.
 */
final class ResultScopedBehavior<Q, R> implements PipelineBehavior<Q, R> {

    private final Class<?> resultScope;
    private final PipelineBehavior<Q, R> delegate;

    @SuppressWarnings("unchecked")
    ResultScopedBehavior(Class<?> resultScope, PipelineBehavior<?, ?> delegate) {
        this.resultScope = resultScope;
        this.delegate = (PipelineBehavior<Q, R>) delegate;
    }

    @Override
    public R handle(Q request, Next<Q, R> next) {
        return delegate.handle(request, next);
    }

    @Override
    public boolean appliesTo(Class<?> requestType) {
        return resultScope.isAssignableFrom(Request.resultType(requestType)) && delegate.appliesTo(requestType);
    }

    @Override
    public int order() {
        return delegate.order();
    }

    @Override
    public String toString() {
        return delegate + " (for results of " + resultScope.getName() + ")";
    }
}
