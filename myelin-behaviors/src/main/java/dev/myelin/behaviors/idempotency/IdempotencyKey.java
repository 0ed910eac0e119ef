package dev.myelin.behaviors.idempotency;

import java.util.Objects;

/**
 * The key under which an {@link IdempotencyStore} records one command's execution: the client's
 * key, scoped by command type, tenant and principal, so that the same key sent with two command
 * types, in two tenants or by two principals names two executions, and one client can never get
 * another's result.
 *
 * @param requestType the command's fully qualified class name
 * @param tenant the tenant of the request context, or {@code ""} when none
 * @param principal the name of the principal who sent it, or {@code ""} when anonymous
 * @param value the client's idempotency key
 * @since 0.1
 */
public record IdempotencyKey(String requestType, String tenant, String principal, String value) {

    /** Validates the components. */
    public IdempotencyKey {
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(value, "value");
    }
}
