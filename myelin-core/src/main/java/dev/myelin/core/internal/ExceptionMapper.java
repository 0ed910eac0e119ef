package dev.myelin.core.internal;

import dev.myelin.core.ConcurrencyConflictException;
import dev.myelin.core.ExceptionHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps exceptions to results with the handler of the nearest registered type in the exception's
 * class hierarchy; the lookup per exception class is computed once. Without a handler, a
 * {@link ConcurrencyConflictException} (a lost race, its transaction rolled back) is a 409 Conflict and
 * anything else a 500.
 */
final class ExceptionMapper {

    private static final System.Logger LOG = System.getLogger("dev.myelin.core.Mediator");

    private final Map<Class<?>, ExceptionHandler<?>> handlers;
    private final ClassValue<Optional<ExceptionHandler<Exception>>> nearest = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected Optional<ExceptionHandler<Exception>> computeValue(Class<?> type) {
            for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
                ExceptionHandler<?> handler = handlers.get(candidate);
                if (handler != null) {
                    return Optional.of((ExceptionHandler<Exception>) handler);
                }
            }
            return Optional.empty();
        }
    };

    ExceptionMapper(List<Registrations.ExceptionMapping> registrations) {
        this.handlers = registrations.stream().collect(
                Collectors.toUnmodifiableMap(Registrations.ExceptionMapping::exceptionType,
                        Registrations.ExceptionMapping::handler));
    }

    OperationResult<?> map(Exception failure, Request<?> request) {
        Optional<ExceptionHandler<Exception>> handler = nearest.get(failure.getClass());
        if (handler.isPresent()) {
            try {
                OperationResult<?> result = handler.get().handle(failure, request);
                if (result != null) {
                    return result;
                }
                LOG.log(System.Logger.Level.ERROR, "Exception handler returned null for " + failure.getClass().getName());
            } catch (RuntimeException mappingFailure) {
                mappingFailure.addSuppressed(failure);
                return unexpected(mappingFailure, request);
            }
        }
        if (failure instanceof ConcurrencyConflictException) {
            return OperationResult.conflict("The request conflicted with a concurrent change and was not applied; "
                    + "retry it.");
        }
        return unexpected(failure, request);
    }

    private static OperationResult<?> unexpected(Exception failure, Request<?> request) {
        String reference = RequestContext.current().messageId().orElse(null);
        LOG.log(System.Logger.Level.ERROR, "Unhandled exception while handling " + request.getClass().getName()
                + (reference == null ? "" : " (message " + reference + ")"), failure);
        return OperationResult.internalServerError(reference == null
                ? "An unexpected error occurred."
                : "An unexpected error occurred. Reference: " + reference);
    }
}
