package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Voids card authorizations whose order never committed: the process died between the authorization
 * and the commit, or between the rollback and the void. Every {@code pizzeria.payments.sweep-interval}
 * it takes the authorizations still open (never attached by a committed order) that began more than
 * {@code pizzeria.payments.authorization-grace} ago; one still {@code authorizing} (no answer recorded)
 * is first authorized again with its own key, which returns the provider's first answer, to learn its
 * id. Each is voided with the key {@code void:<authorization>} and marked {@code voided}.
 */
@Component
class AuthorizationSweeper implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationSweeper.class);

    private final PaymentAuthorizations authorizations;
    private final PaymentGateway gateway;
    private final PizzeriaProperties properties;
    private final Clock clock;
    private ScheduledExecutorService timer;

    AuthorizationSweeper(PaymentAuthorizations authorizations, PaymentGateway gateway, PizzeriaProperties properties,
            Clock clock) {
        this.authorizations = authorizations;
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
    }

    /** Voids the authorizations left open past the grace period; returns how many. */
    int sweep() {
        Instant now = clock.instant();
        int voided = 0;
        for (PaymentAuthorizations.Open open : authorizations.openBefore(now.minus(properties.payments().authorizationGrace()))) {
            // Claim the row first: an order still committing holds its row lock, and once it has attached
            // the authorization this claim updates nothing, so a committed order's hold is never voided.
            // A crash after the claim leaves the hold to expire at the provider, uncaptured.
            if (!authorizations.finish(open.key(), PaymentAuthorizations.VOIDED, now)) {
                continue;
            }
            String authorizationId = open.authorizationId() != null ? open.authorizationId()
                    : gateway.authorize(open.key(), open.amount(), null).authorizationId();
            if (authorizationId != null) {
                gateway.voidAuthorization("void:" + authorizationId, authorizationId);
            }
            LOG.warn("Voided authorization {} of order {}: the order never committed", authorizationId, open.orderId());
            voided++;
        }
        return voided;
    }

    @Override
    public synchronized void start() {
        long period = properties.payments().sweepInterval().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pizzeria-authorization-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException failure) {
                LOG.warn("Sweeping card authorizations failed; trying again in {} ms", period, failure);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
