package dev.myelin.behaviors.authorization;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses a request whose caller lacks what its type requires, before anything else runs: the
 * outermost built-in behavior ({@link BehaviorOrder#AUTHORIZATION}).
 *
 * <p><b>Opt-in.</b> It joins the chain only of request types annotated {@link RequiresRole} or
 * {@link RequiresAuthentication} (on the type or one of its interfaces); other types do not see it
 * at all. The annotations are read once per request type when the mediator is built.
 *
 * <p><b>Decision.</b> The caller is the {@link Principal} of {@link RequestContext#current()}.
 * <ul>
 *   <li>No principal: 401, {@code "StartCooking requires an authenticated caller"}.</li>
 *   <li>A principal holding none of the required roles (nor a role that
 *       {@linkplain AuthorizationConfig.Builder#roleImplies implies} one): 403,
 *       {@code "StartCooking requires one of the roles: chef, manager"}. The detail names the
 *       required roles, never the caller's.</li>
 *   <li>Otherwise the request goes on down the chain.</li>
 * </ul>
 * A refused request never reaches later behaviors or the handler. Requests whose result type is
 * {@link OperationResult} get {@link OperationResult#unauthorized} or
 * {@link OperationResult#forbidden} (shared, precomputed instances); other requests get an
 * {@link AuthorizationException} carrying the status.
 *
 * <pre>{@code
 * @RequiresRole({"chef", "manager"})
 * record StartCooking(String orderId) implements Command<OperationResult<OrderDto>> {}
 *
 * Mediator mediator = Mediator.builder()
 *         .handler(new StartCookingHandler(orders))
 *         .behavior(AuthorizationBehavior.ofDefaults())
 *         .build();
 * try (var scope = RequestContext.builder().principal(Principal.of("luigi", "chef")).build().bind()) {
 *     mediator.send(new StartCooking("o-1"));   // allowed
 * }
 * }</pre>
 *
 * <p><b>Cost.</b> Per send: one {@link ClassValue} look-up, the context read and a role look-up per
 * accepted role; the behavior allocates nothing of its own, not even to refuse.
 * <b>Threading.</b> Immutable and thread-safe. <b>Transactions.</b> It runs outside any
 * transaction the transaction behavior opens.
 *
 * @since 0.1
 */
public final class AuthorizationBehavior implements PipelineBehavior<Request<?>, Object> {

    private final AuthorizationConfig config;
    private final ClassValue<Policy> policies = new ClassValue<>() {
        @Override
        protected Policy computeValue(Class<?> type) {
            return Policy.of(type, config);
        }
    };

    /**
     * Creates the behavior.
     *
     * @param config the settings
     */
    public AuthorizationBehavior(AuthorizationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Creates the behavior with {@link AuthorizationConfig#ofDefaults()}.
     *
     * @return a new behavior
     */
    public static AuthorizationBehavior ofDefaults() {
        return new AuthorizationBehavior(AuthorizationConfig.ofDefaults());
    }

    @Override
    public Object handle(Request<?> request, Next<Request<?>, Object> next) {
        Policy policy = policies.get(request.getClass());
        if (policy == Policy.NONE) {
            return next.invoke(request);
        }
        Principal principal = RequestContext.current().principal().orElse(null);
        if (principal == null) {
            return refuse(policy, policy.unauthorized, AuthorizationException.UNAUTHORIZED, policy.unauthorizedDetail);
        }
        if (!policy.accepts(principal)) {
            return refuse(policy, policy.forbidden, AuthorizationException.FORBIDDEN, policy.forbiddenDetail);
        }
        return next.invoke(request);
    }

    private static Object refuse(Policy policy, OperationResult<?> result, int status, String detail) {
        if (policy.returnsResult) {
            return result;
        }
        throw new AuthorizationException(status, detail);
    }

    /**
     * Returns whether the request type (or one of its interfaces) is annotated
     * {@link RequiresRole} or {@link RequiresAuthentication}.
     *
     * @param requestType a request type
     * @return whether this behavior wraps it
     * @throws IllegalStateException if a {@link RequiresRole} on it lists no role
     */
    @Override
    public boolean appliesTo(Class<?> requestType) {
        return policies.get(requestType) != Policy.NONE;
    }

    /**
     * Returns {@link BehaviorOrder#AUTHORIZATION}.
     *
     * @return the order value
     */
    @Override
    public int order() {
        return BehaviorOrder.AUTHORIZATION;
    }

    /** What one request type requires, resolved once. */
    private static final class Policy {

        static final Policy NONE = new Policy(null, false, "", "");

        /** The roles any one of which is accepted; {@code null} when any principal is. */
        final String[] acceptedRoles;
        final boolean returnsResult;
        final String unauthorizedDetail;
        final String forbiddenDetail;
        final OperationResult<?> unauthorized;
        final OperationResult<?> forbidden;

        private Policy(String[] acceptedRoles, boolean returnsResult, String unauthorizedDetail, String forbiddenDetail) {
            this.acceptedRoles = acceptedRoles;
            this.returnsResult = returnsResult;
            this.unauthorizedDetail = unauthorizedDetail;
            this.forbiddenDetail = forbiddenDetail;
            this.unauthorized = OperationResult.unauthorized(unauthorizedDetail);
            this.forbidden = OperationResult.forbidden(forbiddenDetail);
        }

        static Policy of(Class<?> type, AuthorizationConfig config) {
            RequiresRole roles = find(type, RequiresRole.class);
            boolean authenticated = find(type, RequiresAuthentication.class) != null;
            if (roles == null && !authenticated) {
                return NONE;
            }
            String name = type.getSimpleName();
            boolean returnsResult = OperationResult.class.equals(Request.resultType(type));
            String unauthorized = name + " requires an authenticated caller";
            if (roles == null) {
                return new Policy(null, returnsResult, unauthorized, name + " is not allowed");
            }
            if (roles.value().length == 0) {
                throw new IllegalStateException("@RequiresRole on " + type.getName() + " lists no role");
            }
            Set<String> accepted = new LinkedHashSet<>();
            for (String role : roles.value()) {
                accepted.addAll(config.rolesSatisfying(role));
            }
            String required = roles.value().length == 1
                    ? "the role " + roles.value()[0]
                    : "one of the roles: " + String.join(", ", roles.value());
            return new Policy(accepted.toArray(String[]::new), returnsResult, unauthorized,
                    name + " requires " + required);
        }

        boolean accepts(Principal principal) {
            if (acceptedRoles == null) {
                return true;
            }
            for (String role : acceptedRoles) {
                if (principal.hasRole(role)) {
                    return true;
                }
            }
            return false;
        }

        /** The annotation on the type itself, else on its interfaces, depth first. */
        private static <A extends java.lang.annotation.Annotation> A find(Class<?> type, Class<A> annotation) {
            A own = type.getAnnotation(annotation);
            if (own != null) {
                return own;
            }
            Deque<Class<?>> pending = new ArrayDeque<>();
            for (Class<?> parent = type; parent != null; parent = parent.getSuperclass()) {
                for (Class<?> each : parent.getInterfaces()) {
                    pending.addLast(each);
                }
            }
            while (!pending.isEmpty()) {
                Class<?> next = pending.pollFirst();
                A found = next.getAnnotation(annotation);
                if (found != null) {
                    return found;
                }
                Class<?>[] parents = next.getInterfaces();
                for (int i = parents.length - 1; i >= 0; i--) {
                    pending.addFirst(parents[i]);
                }
            }
            return null;
        }
    }
}
