package dev.myelin.core;

/**
 * The rest of a pipeline, as seen from a {@link PipelineBehavior}: the next behavior, or the
 * handler when none is left.
 *
 * <p>Instances are composed once per request type when the mediator is built and are shared by
 * all threads; invoking one allocates nothing of the mediator's own.
 *
 * @param <Q> the request type
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface Next<Q, R> {

    /**
     * Passes the request on down the pipeline.
     *
     * @param request the request to pass on; usually the one received, but a behavior may pass
     *     an equivalent, normalised copy
     * @return the result of the rest of the pipeline
     */
    R invoke(Q request);
}
