package dev.myelin.behaviors.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.Query;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AuthorizationBehaviorTest {

    @RequiresRole({"chef", "manager"})
    record StartCooking(String orderId) implements Command<OperationResult<String>> {
    }

    @RequiresRole("chef")
    record MarkPizzaReady(String orderId) implements Command<OperationResult<String>> {
    }

    @RequiresAuthentication
    record GetOrderHistory(String customerId) implements Query<OperationResult<String>> {
    }

    @RequiresRole("manager")
    record RemovePizza(String pizzaId) implements Command<String> {
    }

    @RequiresAuthentication
    record GetMyProfile() implements Query<String> {
    }

    record GetMenu() implements Query<OperationResult<String>> {
    }

    @RequiresRole("driver")
    interface DeliveryCommand {
    }

    record DeliverOrder(String orderId) implements Command<OperationResult<String>>, DeliveryCommand {
    }

    @RequiresRole({})
    record Misconfigured() implements Command<OperationResult<String>> {
    }

    private final List<String> trace = new CopyOnWriteArrayList<>();

    /** Stands in for validation: records that it ran, at validation's position. */
    final class ValidationMarker implements PipelineBehavior<Request<?>, Object> {
        @Override
        public Object handle(Request<?> request, Next<Request<?>, Object> next) {
            trace.add("validation:" + request.getClass().getSimpleName());
            return next.invoke(request);
        }

        @Override
        public int order() {
            return BehaviorOrder.VALIDATION;
        }
    }

    private Mediator mediator(AuthorizationBehavior authorization) {
        return Mediator.builder()
                // Registered first on purpose: order() decides, not registration.
                .behavior(new ValidationMarker())
                .behavior(authorization)
                .handler(StartCooking.class, request -> handled("StartCooking"))
                .handler(MarkPizzaReady.class, request -> handled("MarkPizzaReady"))
                .handler(GetOrderHistory.class, request -> handled("GetOrderHistory"))
                .handler(RemovePizza.class, request -> handledPlain("RemovePizza"))
                .handler(GetMyProfile.class, request -> handledPlain("GetMyProfile"))
                .handler(GetMenu.class, request -> handled("GetMenu"))
                .handler(DeliverOrder.class, request -> handled("DeliverOrder"))
                .build();
    }

    private Mediator mediator() {
        return mediator(AuthorizationBehavior.ofDefaults());
    }

    private OperationResult<String> handled(String name) {
        trace.add("handler:" + name);
        return OperationResult.ok(name);
    }

    private String handledPlain(String name) {
        trace.add("handler:" + name);
        return name;
    }

    private static <T> T as(Principal principal, Supplier<T> action) {
        try (RequestContext.Scope scope = RequestContext.builder().principal(principal).build().bind()) {
            return action.get();
        }
    }

    @Test
    void anonymousCallerGets401NamingTheRequestTypeAndNothingElseRuns() {
        OperationResult<String> result = mediator().send(new StartCooking("o-1"));

        assertThat(result.status()).isEqualTo(401);
        assertThat(result.title()).isEqualTo("Unauthorized");
        assertThat(result.detail()).isEqualTo("StartCooking requires an authenticated caller");
        assertThat(trace).isEmpty();
    }

    @Test
    void callerWithNoneOfTheRolesGets403NamingTheRequiredRolesNotTheCallers() {
        Mediator mediator = mediator();

        OperationResult<String> result = as(Principal.of("mario", "customer", "vip"),
                () -> mediator.send(new StartCooking("o-1")));

        assertThat(result.status()).isEqualTo(403);
        assertThat(result.title()).isEqualTo("Forbidden");
        assertThat(result.detail()).isEqualTo("StartCooking requires one of the roles: chef, manager");
        assertThat(result.detail()).doesNotContain("customer").doesNotContain("vip");
        assertThat(trace).isEmpty();
    }

    @Test
    void singleRequiredRoleIsNamedAsTheRole() {
        Mediator mediator = mediator();

        OperationResult<String> result = as(Principal.of("mario", "customer"), () -> mediator.send(new MarkPizzaReady("o-1")));

        assertThat(result.detail()).isEqualTo("MarkPizzaReady requires the role chef");
    }

    @Test
    void anyOneOfTheListedRolesSuffices() {
        Mediator mediator = mediator();

        OperationResult<String> asChef = as(Principal.of("luigi", "chef"), () -> mediator.send(new StartCooking("o-1")));
        OperationResult<String> asManager = as(Principal.of("mario", "manager"), () -> mediator.send(new StartCooking("o-2")));

        assertThat(asChef).isEqualTo(OperationResult.ok("StartCooking"));
        assertThat(asManager).isEqualTo(OperationResult.ok("StartCooking"));
        assertThat(trace).containsExactly(
                "validation:StartCooking", "handler:StartCooking", "validation:StartCooking", "handler:StartCooking");
    }

    @Test
    void requiresAuthenticationAcceptsAnyPrincipalAndRefusesAnonymous() {
        Mediator mediator = mediator();

        OperationResult<String> anonymous = mediator.send(new GetOrderHistory("c-1"));
        OperationResult<String> roleless = as(Principal.of("anna"), () -> mediator.send(new GetOrderHistory("c-1")));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.detail()).isEqualTo("GetOrderHistory requires an authenticated caller");
        assertThat(roleless).isEqualTo(OperationResult.ok("GetOrderHistory"));
    }

    @Test
    void requestNotReturningOperationResultGetsAuthorizationExceptionWithStatus() {
        Mediator mediator = mediator();

        assertThatThrownBy(() -> mediator.send(new RemovePizza("margherita")))
                .isInstanceOfSatisfying(AuthorizationException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(401);
                    assertThat(refused.getMessage()).isEqualTo("RemovePizza requires an authenticated caller");
                });
        assertThatThrownBy(() -> as(Principal.of("luigi", "chef"), () -> mediator.send(new RemovePizza("margherita"))))
                .isInstanceOfSatisfying(AuthorizationException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(403);
                    assertThat(refused.getMessage()).isEqualTo("RemovePizza requires the role manager");
                });
        assertThatThrownBy(() -> mediator.send(new GetMyProfile()))
                .isInstanceOfSatisfying(AuthorizationException.class, refused -> assertThat(refused.status()).isEqualTo(401));
        assertThat(trace).isEmpty();
        assertThat(as(Principal.of("mario", "manager"), () -> mediator.send(new RemovePizza("margherita"))))
                .isEqualTo("RemovePizza");
    }

    @Test
    void runsBeforeValidationWhateverTheRegistrationOrder() {
        Mediator mediator = mediator();

        mediator.send(new StartCooking("o-1"));
        as(Principal.of("luigi", "chef"), () -> mediator.send(new StartCooking("o-2")));

        // The refused send never reached the validation marker; the allowed one passed through it.
        assertThat(trace).containsExactly("validation:StartCooking", "handler:StartCooking");
    }

    @Test
    void requestTypeWithoutAnnotationIsNotWrapped() {
        AuthorizationBehavior behavior = AuthorizationBehavior.ofDefaults();

        OperationResult<String> anonymous = mediator(behavior).send(new GetMenu());

        assertThat(behavior.appliesTo(GetMenu.class)).isFalse();
        assertThat(behavior.appliesTo(StartCooking.class)).isTrue();
        assertThat(behavior.appliesTo(GetOrderHistory.class)).isTrue();
        assertThat(anonymous).isEqualTo(OperationResult.ok("GetMenu"));
        assertThat(trace).containsExactly("validation:GetMenu", "handler:GetMenu");
    }

    @Test
    void annotationOnAnInterfaceOfTheRequestApplies() {
        AuthorizationBehavior behavior = AuthorizationBehavior.ofDefaults();
        Mediator mediator = mediator(behavior);

        OperationResult<String> asChef = as(Principal.of("luigi", "chef"), () -> mediator.send(new DeliverOrder("o-1")));
        OperationResult<String> asDriver = as(Principal.of("gino", "driver"), () -> mediator.send(new DeliverOrder("o-1")));

        assertThat(behavior.appliesTo(DeliverOrder.class)).isTrue();
        assertThat(asChef.detail()).isEqualTo("DeliverOrder requires the role driver");
        assertThat(asDriver).isEqualTo(OperationResult.ok("DeliverOrder"));
    }

    @Test
    void impliedRoleSatisfiesTheRequirementTransitively() {
        AuthorizationConfig config = AuthorizationConfig.builder()
                .roleImplies("owner", "manager")
                .roleImplies("manager", "chef", "driver")
                .build();
        Mediator withHierarchy = mediator(new AuthorizationBehavior(config));
        Mediator without = mediator();

        OperationResult<String> owner = as(Principal.of("mario", "owner"), () -> withHierarchy.send(new MarkPizzaReady("o-1")));
        OperationResult<String> ownerWithout = as(Principal.of("mario", "owner"), () -> without.send(new MarkPizzaReady("o-1")));
        OperationResult<String> driver = as(Principal.of("gino", "driver"), () -> withHierarchy.send(new MarkPizzaReady("o-1")));

        assertThat(config.impliedRoles()).containsEntry("owner", java.util.Set.of("manager", "chef", "driver"));
        assertThat(owner).isEqualTo(OperationResult.ok("MarkPizzaReady"));
        assertThat(ownerWithout.status()).isEqualTo(403);
        // Implication goes one way: a driver is not a chef, and the detail still names only "chef".
        assertThat(driver.detail()).isEqualTo("MarkPizzaReady requires the role chef");
    }

    @Test
    void requiresRoleListingNoRoleIsReportedWhenTheTypeIsExamined() {
        AuthorizationBehavior behavior = AuthorizationBehavior.ofDefaults();

        assertThatThrownBy(() -> behavior.appliesTo(Misconfigured.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("@RequiresRole on " + Misconfigured.class.getName() + " lists no role");
    }

    @Test
    void requiresRoleListingNoRoleFailsTheMediatorBuild() {
        assertThatThrownBy(() -> Mediator.builder()
                .behavior(AuthorizationBehavior.ofDefaults())
                .handler(Misconfigured.class, request -> OperationResult.ok("never"))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lists no role");
    }

    @Test
    void authorizationExceptionAcceptsOnly401And403() {
        assertThatThrownBy(() -> new AuthorizationException(500, "nope")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AuthorizationException(403, "x").status()).isEqualTo(403);
    }

    @Test
    void orderIsAuthorization() {
        assertThat(AuthorizationBehavior.ofDefaults().order()).isEqualTo(BehaviorOrder.AUTHORIZATION);
    }
}
