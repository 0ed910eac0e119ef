package dev.myelin.behaviors.idempotency;

/**
 * Marks a command that carries its own idempotency key, usually a record component copied from
 * the client's {@code Idempotency-Key} header. {@link IdempotencyBehavior} runs the first command
 * with a given key and answers repeats with the first result.
 *
 * <pre>{@code
 * record PlaceOrder(String idempotencyKey, String customer, List<PizzaItem> items)
 *         implements Command<OperationResult<OrderDto>>, IdempotentCommand {}
 * }</pre>
 *
 * <p>A command without this interface can still be idempotent: put the key in the
 * {@link dev.myelin.core.RequestContext} metadata under {@link IdempotencyBehavior#METADATA_KEY}.
 *
 * @since 0.1
 */
public interface IdempotentCommand {

    /**
     * Returns the key that identifies this command among repeats: the same key means the same
     * intent. Unique per client, such as a UUID the client generated.
     *
     * @return the key; {@code null} or blank means none, and the command then runs every time
     *     (unless the context metadata has a key)
     */
    String idempotencyKey();
}
