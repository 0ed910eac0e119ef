package dev.myelin.behaviors.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.core.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class LoggingBehaviorTest {

    private static final String LOGGER = "test.myelin.requests";

    record PlaceOrder(String customerName) implements Command<OperationResult<String>> {
    }

    record GetMenu(String category) implements Query<String> {
    }

    record FailingCommand(String reason) implements Command<String> {
    }

    record FailingResultCommand(String reason) implements Command<OperationResult<String>> {
    }

    record CancelOrder(String orderId) implements Command<OperationResult<String>> {
    }

    record OuterCommand(String id) implements Command<String> {
    }

    record Card(String holder, @Sensitive String cvv) {
    }

    record ProcessPayment(String orderId, @Sensitive String cardNumber, Card card, List<String> tags,
            Map<String, Integer> amounts) implements Command<OperationResult<String>> {
    }

    /** Time that moves only when a handler says so. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
    private final AtomicReference<Mediator> self = new AtomicReference<>();

    @BeforeEach
    void captureLogs() {
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(appender);
        appender.stop();
    }

    private LoggingConfig.Builder config() {
        return LoggingConfig.builder().loggerName(LOGGER).ticker(nanos::get);
    }

    private Mediator mediator(LoggingConfig config) {
        Mediator mediator = Mediator.builder()
                .behavior(new LoggingBehavior(config))
                .handler(PlaceOrder.class, command -> {
                    nanos.addAndGet(3_250_000);
                    return OperationResult.created("o-1");
                })
                .handler(GetMenu.class, query -> "menu")
                .handler(FailingCommand.class, command -> {
                    nanos.addAndGet(1_000_000);
                    throw new IllegalStateException(command.reason());
                })
                .handler(FailingResultCommand.class, command -> {
                    throw new IllegalStateException(command.reason());
                })
                .handler(CancelOrder.class, command -> "o-404".equals(command.orderId())
                        ? OperationResult.notFound("Order", command.orderId())
                        : OperationResult.serviceUnavailable("kitchen at capacity"))
                .handler(OuterCommand.class, command -> self.get().send(new FailingCommand("inner")))
                .handler(ProcessPayment.class, command -> OperationResult.ok("paid"))
                .build();
        self.set(mediator);
        return mediator;
    }

    private Mediator mediator() {
        return mediator(config().build());
    }

    private static Map<String, Object> keys(ILoggingEvent event) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (KeyValuePair pair : event.getKeyValuePairs()) {
            keys.put(pair.key, pair.value);
        }
        return keys;
    }

    @Test
    void successfulCommandIsOneInfoLineWithTypeStatusDurationAndCorrelationId() {
        Mediator mediator = mediator();

        try (RequestContext.Scope scope = RequestContext.builder().correlationId("corr-1").build().bind()) {
            mediator.send(new PlaceOrder("Mario"));
        }

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.INFO);
        assertThat(event.getFormattedMessage()).isEqualTo("PlaceOrder -> 201 in 3.25 ms [correlation_id=corr-1]");
        assertThat(keys(event)).containsExactly(
                entry("request", "PlaceOrder"), entry("outcome", "201"), entry("duration_ms", 3.25),
                entry("correlation_id", "corr-1"));
        assertThat(event.getThrowableProxy()).isNull();
    }

    @Test
    void queryIsLoggedAtDebugWithOutcomeOkAndNoCorrelationKeyWhenNoContext() {
        mediator().send(new GetMenu("classics"));

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(event.getFormattedMessage()).isEqualTo("GetMenu -> ok in 0.0 ms");
        assertThat(keys(event)).containsExactly(entry("request", "GetMenu"), entry("outcome", "ok"), entry("duration_ms", 0.0));
    }

    @Test
    void queryLineIsDroppedAtInfoUnlessItsLevelIsRaised() {
        logger.setLevel(Level.INFO);

        mediator().send(new GetMenu("classics"));
        mediator(config().queryLevel(org.slf4j.event.Level.INFO).build()).send(new GetMenu("classics"));

        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);
    }

    @Test
    void clientErrorResultIsInfoAndServerErrorResultIsWarnBothWithoutStackTrace() {
        Mediator mediator = mediator();

        mediator.send(new CancelOrder("o-404"));
        mediator.send(new CancelOrder("o-1"));

        assertThat(appender.list).hasSize(2);
        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN);
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("CancelOrder -> 404 in 0.0 ms", "CancelOrder -> 503 in 0.0 ms");
        assertThat(appender.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    @Test
    void exceptionIsLoggedOnceAtErrorWithStackTraceAndRethrownUnchanged() {
        Mediator mediator = mediator();

        assertThatThrownBy(() -> mediator.send(new FailingCommand("oven on fire")))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("oven on fire");

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).isEqualTo("FailingCommand -> java.lang.IllegalStateException in 1.0 ms");
        assertThat(keys(event)).containsEntry("outcome", "java.lang.IllegalStateException");
        assertThat(event.getThrowableProxy().getClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("oven on fire");
        assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }

    @Test
    void exceptionTheMediatorMapsToAResultIsLoggedAtWarnWithoutTheTraceTheMediatorLogs() {
        OperationResult<String> result = mediator().send(new FailingResultCommand("secret detail"));

        assertThat(result.status()).isEqualTo(500);
        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(appender.list.get(0).getFormattedMessage())
                .isEqualTo("FailingResultCommand -> java.lang.IllegalStateException in 0.0 ms");
        assertThat(appender.list.get(0).getThrowableProxy()).isNull();
    }

    @Test
    void nestedFailureCarriesItsStackTraceOnlyOnTheInnermostLine() {
        Mediator mediator = mediator();

        assertThatThrownBy(() -> mediator.send(new OuterCommand("x"))).hasMessage("inner");

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "FailingCommand -> java.lang.IllegalStateException in 1.0 ms",
                "OuterCommand -> java.lang.IllegalStateException in 1.0 ms");
        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.ERROR);
        assertThat(appender.list.get(0).getThrowableProxy()).isNotNull();
        assertThat(appender.list.get(1).getThrowableProxy()).isNull();
    }

    @Test
    void oneLinePerRequest() {
        Mediator mediator = mediator();

        mediator.send(new PlaceOrder("Mario"));
        mediator.send(new GetMenu("classics"));
        mediator.send(new PlaceOrder("Anna"));

        assertThat(appender.list).extracting(event -> keys(event).get("request"))
                .containsExactly("PlaceOrder", "GetMenu", "PlaceOrder");
    }

    @Test
    void payloadIsAbsentByDefault() {
        mediator().send(new ProcessPayment("o-1", "4111111111111111", new Card("Mario", "123"), List.of(), Map.of()));

        ILoggingEvent event = appender.list.get(0);
        assertThat(keys(event)).doesNotContainKey("payload");
        assertThat(event.getFormattedMessage()).isEqualTo("ProcessPayment -> 200 in 0.0 ms");
    }

    @Test
    void payloadIsLoggedWithSensitiveComponentsMaskedWhenEnabled() {
        Mediator mediator = mediator(config().logPayloads(true).build());

        mediator.send(new ProcessPayment("o-1", "4111111111111111", new Card("Mario", "123"), List.of("vip", "web"),
                Map.of("total", 1250)));

        ILoggingEvent event = appender.list.get(0);
        String payload = "ProcessPayment[orderId=o-1, cardNumber=***, card=Card[holder=Mario, cvv=***], tags=[vip, web],"
                + " amounts={total=1250}]";
        assertThat(keys(event)).containsEntry("payload", payload);
        assertThat(event.getFormattedMessage()).isEqualTo("ProcessPayment -> 200 in 0.0 ms payload=" + payload);
        assertThat(event.getFormattedMessage()).doesNotContain("4111").doesNotContain("123]");
    }

    @Test
    void appliesToEveryRequestAtTheLoggingPosition() {
        LoggingBehavior behavior = LoggingBehavior.ofDefaults();

        assertThat(behavior.appliesTo(PlaceOrder.class)).isTrue();
        assertThat(behavior.appliesTo(GetMenu.class)).isTrue();
        assertThat(behavior.order()).isEqualTo(BehaviorOrder.LOGGING);
    }
}
