package dev.myelin.processor;

/**
 * The Myelin interfaces the processor indexes, named by string so that the processor needs no
 * Myelin class at run time. The constant names are those of {@code HandlerIndex.Kind}.
 */
enum Role {

    REQUEST_HANDLER("dev.myelin.core.RequestHandler", "request type", "handler", true, true, "Request type"),
    EVENT_HANDLER("dev.myelin.core.EventHandler", "event type", "event handler", false, false, null),
    BEHAVIOR("dev.myelin.core.PipelineBehavior", "scope", "behavior", false, true, null),
    EXCEPTION_HANDLER("dev.myelin.core.ExceptionHandler", "exception type", "exception handler", false, false, null),
    STREAM_HANDLER("dev.myelin.core.stream.StreamQueryHandler", "query type", "stream handler", true, false,
            "Stream query type"),
    STREAM_BEHAVIOR("dev.myelin.core.stream.StreamBehavior", "scope", "stream behavior", false, false, null),
    /** A request type the application declares: its entry names the type itself, so its handler can be checked. */
    REQUEST("dev.myelin.core.Request", "request type", "request type", false, false, null);

    /** Qualified name of the interface. */
    final String interfaceName;
    /** What the first type argument is, for messages. */
    final String messageRole;
    /** What an implementation is called, for messages. */
    final String noun;
    /**
     * Whether the first type argument must be a concrete type: routing is exact, so a type
     * variable's bound would route the wrong requests.
     */
    final boolean exactMessageType;
    /** Whether the second type argument is recorded as the result type. */
    final boolean recordsResult;
    /** How a duplicate names the message type, or {@code null} when many implementations may share it. */
    final String uniqueLabel;

    Role(String interfaceName, String messageRole, String noun, boolean exactMessageType, boolean recordsResult,
            String uniqueLabel) {
        this.interfaceName = interfaceName;
        this.messageRole = messageRole;
        this.noun = noun;
        this.exactMessageType = exactMessageType;
        this.recordsResult = recordsResult;
        this.uniqueLabel = uniqueLabel;
    }
}
