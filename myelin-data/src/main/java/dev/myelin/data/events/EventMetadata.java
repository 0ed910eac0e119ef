package dev.myelin.data.events;

import dev.myelin.core.RequestContext;
import java.util.Map;

/**
 * Who and what caused an event, stored with it and carried to its handlers, projections and
 * broker headers.
 *
 * @param correlationId the conversation's id, or {@code null}
 * @param causationId the id of the message whose handling recorded the event, or {@code null}
 * @param principal the name of the principal who caused it, or {@code null}
 * @param tenant the tenant, or {@code null}
 * @param extra further metadata
 * @since 0.1
 */
public record EventMetadata(String correlationId, String causationId, String principal, String tenant,
        Map<String, String> extra) {

    private static final EventMetadata EMPTY = new EventMetadata(null, null, null, null, Map.of());

    /** Copies the extra metadata. */
    public EventMetadata {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /**
     * Returns metadata with nothing set.
     *
     * @return the empty metadata
     */
    public static EventMetadata empty() {
        return EMPTY;
    }

    /**
     * Takes the metadata of events recorded while handling the message that {@code context}
     * describes: its correlation id, its message id as causation id, its principal and tenant.
     *
     * @param context the context of the handling
     * @return the metadata
     */
    public static EventMetadata of(RequestContext context) {
        if (context.isEmpty()) {
            return EMPTY;
        }
        return new EventMetadata(context.correlationId().orElse(null), context.messageId().orElse(null),
                context.principal().map(p -> p.name()).orElse(null), context.tenant().orElse(null), Map.of());
    }
}
