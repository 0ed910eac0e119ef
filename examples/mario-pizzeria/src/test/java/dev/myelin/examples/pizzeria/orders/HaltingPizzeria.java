package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Command;
import dev.myelin.core.Next;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.examples.pizzeria.PizzeriaApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The pizzeria of {@link IdempotencyCrashHttpTest}, run in a child JVM: the real application plus one
 * behavior that halts the JVM right after a command's transaction committed, before the response,
 * when the request carries {@value #HALT_HEADER}. Not a Spring component: only this main registers it.
 */
public final class HaltingPizzeria {

    /** The request header that asks for the halt. */
    static final String HALT_HEADER = "X-Test-Halt-After-Commit";

    private HaltingPizzeria() {
    }

    /**
     * Runs the pizzeria with the halting behavior.
     *
     * @param args Spring Boot arguments ({@code --server.port=...} and so on)
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PizzeriaApplication.class);
        application.addInitializers(context -> ((GenericApplicationContext) context)
                .registerBean(HaltAfterCommit.class, HaltAfterCommit::new));
        application.run(args);
    }

    /** Halts after the transaction (it sits outside it) when the request asks for it. */
    static final class HaltAfterCommit implements PipelineBehavior<Command<?>, Object> {
        @Override
        public Object handle(Command<?> command, Next<Command<?>, Object> next) {
            Object result = next.invoke(command);
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                    && servlet.getRequest().getHeader(HALT_HEADER) != null) {
                // No shutdown hooks, no response: the process ends here, as under SIGKILL.
                Runtime.getRuntime().halt(99);
            }
            return result;
        }

        @Override
        public int order() {
            return BehaviorOrder.RETRY - 1;
        }
    }
}
