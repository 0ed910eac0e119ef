package dev.myelin.behaviors.validation;

/** A validator whose request type was given explicitly, by {@link RequestValidator#forType}. */
record TypedRequestValidator<Q>(Class<Q> requestType, RequestValidator<? super Q> delegate)
        implements RequestValidator<Q> {

    @Override
    public void validate(Q request, Violations violations) {
        delegate.validate(request, violations);
    }
}
