package dev.myelin.examples.pizzeria.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaWildcardType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.myelin.core.Command;
import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import dev.myelin.core.EventPublisher;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.core.Request;
import dev.myelin.core.RequestHandler;
import dev.myelin.core.Sender;
import dev.myelin.data.AggregateRoot;
import dev.myelin.data.Repository;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.outbox.Outbox;
import dev.myelin.data.projection.Projection;
import dev.myelin.postgres.document.DocumentStore;
import dev.myelin.spring.boot.web.ControllerBase;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's "Common Mistakes" as ArchUnit rules, each over the classes under one root package (the
 * pizzeria's, or the deliberately bad fixtures' that prove each rule can fail).
 *
 * <p>Terms. A <b>controller</b> is annotated {@code @RestController}/{@code @Controller} or extends
 * {@link ControllerBase}. A <b>message</b> implements {@link Request} (a command or a query). A
 * <b>DTO</b> is a type whose simple name ends in {@code Dto}, or a type nested in a message or a DTO.
 * The <b>write side</b> is {@link Repository}, {@link AggregateRoot}, {@link EventStore},
 * {@link DocumentStore}, {@link Outbox}, {@link Sender}/{@link EventPublisher} (so the mediator) and
 * every {@link Command}. A <b>feature</b> is a direct sub-package of the root; its <b>internals</b>
 * are its repositories, aggregates, handlers, projections, controllers and {@code internal} packages.
 */
final class PizzeriaArchitecture {

    /** Statement names of {@code JdbcClient}, {@code JdbcTemplate} and JDBC that change data. */
    private static final Set<String> JDBC_WRITES = Set.of("update", "batchUpdate", "execute", "executeUpdate",
            "executeLargeUpdate", "executeBatch");
    private static final Set<String> JDBC_OWNERS = Set.of(
            "org.springframework.jdbc.core.simple.JdbcClient$StatementSpec",
            "org.springframework.jdbc.core.JdbcTemplate",
            "org.springframework.jdbc.core.JdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
            "java.sql.Statement",
            "java.sql.PreparedStatement");

    private PizzeriaArchitecture() {
    }

    /** Mistake 3: controllers know the mediator, messages, DTOs and web types only. */
    static ArchRule controllersKnowOnlyTheMediatorMessagesAndDtos() {
        return classes().that(areControllers())
                .should().onlyDependOnClassesThat(areAllowedForControllers())
                .as("controllers depend only on the mediator, commands/queries, DTOs and web types "
                        + "(never on handlers, repositories, aggregates, events or JDBC)");
    }

    /** Mistake 1: query handlers read; they never reach the write side nor run a JDBC write. */
    static ArchRule queryHandlersNeverWrite() {
        return noClasses().that(areQueryHandlers())
                .should().dependOnClassesThat(areWriteSide())
                .orShould().callMethodWhere(isJdbcWrite())
                .as("query handlers never write: no repository, aggregate, event store, document store, outbox, "
                        + "mediator or command, and no JDBC update/execute");
    }

    /** Mistake 2: handlers return DTOs or OperationResults of DTOs, never domain entities or events. */
    static ArchRule handlersNeverReturnDomainEntities() {
        return classes().that().areAssignableTo(RequestHandler.class).and().areNotInterfaces()
                .should(returnNoDomainType())
                .as("request handlers return DTOs or OperationResults, never aggregates, events or data-layer types");
    }

    /**
     * Mistake 4: commands and queries use separate DTO types. Checked over every message: (a) no data
     * type is the result of both a command and a query; (b) no field of a command is a type that a
     * query returns, and no field of a query is a type that a command returns; (c) no message is
     * both a command and a query, nor a field of another message.
     */
    static ArchRule commandsAndQueriesUseSeparateDtos() {
        return classes().that().areAssignableTo(Request.class).and().areNotInterfaces()
                .should(keepCommandAndQueryTypesApart())
                .as("commands and queries use separate DTO types");
    }

    /** Features use each other only through messages, DTOs, events and ports, never through internals. */
    static ArchRule featuresDoNotReachIntoEachOthersInternals(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(notReachIntoOtherFeatures(root))
                .as("features do not depend on another feature's repositories, aggregates, handlers, projections, "
                        + "controllers or internal packages");
    }

    static DescribedPredicate<JavaClass> areControllers() {
        return describe("controllers", type -> type.isAnnotatedWith(RestController.class)
                || type.isAnnotatedWith(Controller.class) || type.isAssignableTo(ControllerBase.class));
    }

    private static DescribedPredicate<JavaClass> areAllowedForControllers() {
        return describe("the mediator, messages, DTOs or web types", type -> {
            String name = type.getPackageName();
            if (type.isPrimitive() || type.isArray()) {
                return true;
            }
            for (String allowed : List.of("java.lang", "java.util", "java.time", "java.math", "java.net",
                    "dev.myelin.core", "dev.myelin.spring.boot.web", "org.springframework.web", "org.springframework.http",
                    "org.springframework.stereotype", "jakarta.validation", "io.swagger.v3.oas.annotations")) {
                if (name.equals(allowed) || name.startsWith(allowed + ".")) {
                    return !name.startsWith("dev.myelin.core.spi") && !name.startsWith("dev.myelin.core.internal");
                }
            }
            return isMessageOrDto(type) || enclosedBy(type, areControllers());
        });
    }

    private static boolean isMessageOrDto(JavaClass type) {
        if (type.getSimpleName().equals("Page")) {
            return true;
        }
        for (JavaClass each = type; each != null; each = each.getEnclosingClass().orElse(null)) {
            if (each.isAssignableTo(Event.class) || each.isAssignableTo(AggregateRoot.class)) {
                return false;
            }
        }
        for (JavaClass each = type; each != null; each = each.getEnclosingClass().orElse(null)) {
            if (each.isAssignableTo(Request.class) || each.isRecord()) {
                return true;
            }
        }
        return false;
    }

    private static boolean enclosedBy(JavaClass type, DescribedPredicate<JavaClass> outer) {
        for (Optional<JavaClass> each = type.getEnclosingClass(); each.isPresent(); each = each.get().getEnclosingClass()) {
            if (outer.test(each.get())) {
                return true;
            }
        }
        return false;
    }

    static DescribedPredicate<JavaClass> areQueryHandlers() {
        return describe("query handlers", type -> !type.isInterface() && type.isAssignableTo(RequestHandler.class)
                && handledRequest(type).map(request -> request.isAssignableTo(Query.class)).orElse(false));
    }

    private static DescribedPredicate<JavaClass> areWriteSide() {
        return describe("the write side", type -> type.isAssignableTo(Repository.class)
                || type.isAssignableTo(AggregateRoot.class) || type.isAssignableTo(EventStore.class)
                || type.isAssignableTo(DocumentStore.class) || type.isAssignableTo(Outbox.class)
                || type.isAssignableTo(Sender.class) || type.isAssignableTo(EventPublisher.class)
                || type.isAssignableTo(Command.class));
    }

    private static DescribedPredicate<JavaMethodCall> isJdbcWrite() {
        return describe("a JDBC write", call -> JDBC_OWNERS.contains(call.getTarget().getOwner().getName())
                && JDBC_WRITES.contains(call.getTarget().getName()));
    }

    private static ArchCondition<JavaClass> returnNoDomainType() {
        return new ArchCondition<>("return no domain type") {
            @Override
            public void check(JavaClass handler, ConditionEvents events) {
                Optional<JavaType> result = handlerTypeArgument(handler, 1);
                if (result.isEmpty()) {
                    return;
                }
                for (JavaClass returned : dataTypes(result.get())) {
                    if (returned.isAssignableTo(AggregateRoot.class) || returned.isAssignableTo(Event.class)
                            || returned.getPackageName().startsWith("dev.myelin.data")) {
                        events.add(SimpleConditionEvent.violated(handler, handler.getName() + " returns "
                                + returned.getName() + ", a domain type, instead of a DTO"));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> keepCommandAndQueryTypesApart() {
        return new ArchCondition<>("keep command and query types apart") {
            private final Set<JavaClass> commandResults = new HashSet<>();
            private final Set<JavaClass> queryResults = new HashSet<>();

            @Override
            public void init(Collection<JavaClass> messages) {
                for (JavaClass message : messages) {
                    Set<JavaClass> results = resultDataTypes(message);
                    if (message.isAssignableTo(Command.class)) {
                        commandResults.addAll(results);
                    }
                    if (message.isAssignableTo(Query.class)) {
                        queryResults.addAll(results);
                    }
                }
            }

            @Override
            public void check(JavaClass message, ConditionEvents events) {
                boolean command = message.isAssignableTo(Command.class);
                boolean query = message.isAssignableTo(Query.class);
                if (command && query) {
                    events.add(SimpleConditionEvent.violated(message, message.getName() + " is both a command and a query"));
                }
                for (JavaClass result : resultDataTypes(message)) {
                    if (command && queryResults.contains(result) || query && commandResults.contains(result)) {
                        events.add(SimpleConditionEvent.violated(message, result.getName()
                                + " is the result of both a command and a query (" + message.getName() + ")"));
                    }
                }
                for (JavaField field : message.getFields()) {
                    for (JavaClass input : dataTypes(field.getType())) {
                        if (input.isAssignableTo(Request.class)) {
                            events.add(SimpleConditionEvent.violated(message, message.getName() + "." + field.getName()
                                    + " is a message, " + input.getName()));
                        } else if (command && queryResults.contains(input) || query && commandResults.contains(input)) {
                            events.add(SimpleConditionEvent.violated(message, message.getName() + "." + field.getName()
                                    + " uses " + input.getName() + ", which the other side returns"));
                        }
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> notReachIntoOtherFeatures(String root) {
        return new ArchCondition<>("not reach into other features' internals") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String feature = feature(root, origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String other = feature(root, target);
                    if (other == null || other.equals(feature)) {
                        continue;
                    }
                    if (isInternal(target)) {
                        events.add(SimpleConditionEvent.violated(origin, dependency.getDescription()
                                + " reaches into feature " + other + "'s internals"));
                    }
                }
            }
        };
    }

    /** The feature (direct sub-package of the root) a class belongs to, or {@code null} outside the root. */
    private static String feature(String root, JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return null;
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean isInternal(JavaClass type) {
        return type.isAssignableTo(Repository.class) || type.isAssignableTo(AggregateRoot.class)
                || type.isAssignableTo(RequestHandler.class) || type.isAssignableTo(EventHandler.class)
                || type.isAssignableTo(Projection.class) || areControllers().test(type)
                || type.getPackageName().contains(".internal");
    }

    /** The request type a handler handles, from its generic {@code RequestHandler} (or sub-interface) declaration. */
    private static Optional<JavaClass> handledRequest(JavaClass handler) {
        return handlerTypeArgument(handler, 0).map(JavaType::toErasure);
    }

    private static Optional<JavaType> handlerTypeArgument(JavaClass handler, int index) {
        for (JavaClass each = handler; each != null; each = each.getRawSuperclass().orElse(null)) {
            for (JavaType declared : each.getInterfaces()) {
                if (declared instanceof JavaParameterizedType parameterized
                        && declared.toErasure().isAssignableTo(RequestHandler.class)
                        && parameterized.getActualTypeArguments().size() == 2) {
                    return Optional.of(parameterized.getActualTypeArguments().get(index));
                }
            }
        }
        return Optional.empty();
    }

    /** The data types a message declares as its result, such as {@code OrderDto} in {@code Command<OperationResult<OrderDto>>}. */
    private static Set<JavaClass> resultDataTypes(JavaClass message) {
        for (JavaType declared : message.getInterfaces()) {
            if (declared instanceof JavaParameterizedType parameterized && declared.toErasure().isAssignableTo(Request.class)
                    && parameterized.getActualTypeArguments().size() == 1) {
                return dataTypes(parameterized.getActualTypeArguments().get(0));
            }
        }
        return Set.of();
    }

    /**
     * The application's data types in a (generic) type: the type and its type arguments, without JDK
     * types, enums and the generic wrappers ({@link OperationResult}, {@code Page}).
     */
    private static Set<JavaClass> dataTypes(JavaType type) {
        Set<JavaClass> found = new LinkedHashSet<>();
        collect(type, found);
        found.removeIf(each -> each.getPackageName().startsWith("java") || each.isEnum() || each.isPrimitive()
                || each.isEquivalentTo(OperationResult.class) || each.getSimpleName().equals("Page"));
        return found;
    }

    private static void collect(JavaType type, Set<JavaClass> found) {
        if (type instanceof JavaParameterizedType parameterized) {
            found.add(parameterized.toErasure());
            parameterized.getActualTypeArguments().forEach(argument -> collect(argument, found));
        } else if (type instanceof JavaWildcardType wildcard) {
            wildcard.getUpperBounds().forEach(bound -> collect(bound, found));
        } else if (type instanceof JavaClass javaClass) {
            found.add(javaClass.getBaseComponentType());
        }
    }
}
