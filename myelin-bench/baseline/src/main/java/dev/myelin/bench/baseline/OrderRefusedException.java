package dev.myelin.bench.baseline;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A placement refused by a business rule: the transaction rolls back and {@link OrdersController} answers
 * the pizzeria's problem (status, detail and, for field rules, {@code errors}).
 */
final class OrderRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient Map<String, List<String>> errors;

    OrderRefusedException(HttpStatus status, String detail, Map<String, List<String>> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors;
    }

    HttpStatus status() {
        return status;
    }

    Map<String, List<String>> errors() {
        return errors;
    }
}
