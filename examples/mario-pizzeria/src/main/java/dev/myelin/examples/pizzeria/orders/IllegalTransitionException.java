package dev.myelin.examples.pizzeria.orders;

/** A change that the order's status does not allow; answered with 409 and the message. */
final class IllegalTransitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    IllegalTransitionException(String message) {
        super(message);
    }
}
