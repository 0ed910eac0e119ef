package dev.myelin.spring.boot.declared;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application whose package declares three request types and an interface of requests, with a
 * handler bean for one type only: as a {@code @SpringBootApplication} would, it registers its
 * package as an auto-configuration package.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class DeclaredRequestsApplication {

    /** Handled. */
    public record PlaceOrder(String id) implements Command<OperationResult<String>> {
    }

    /** Declared without a handler. */
    public record CancelOrder(String id) implements Command<OperationResult<String>> {
    }

    /** Declared without a handler. */
    public record GetMenu() implements Query<String> {
    }

    /** Not a concrete request type: nothing to check. */
    public interface MenuChange extends Command<String> {
    }

    @Bean
    CommandHandler<PlaceOrder, OperationResult<String>> placeOrder() {
        return command -> OperationResult.created(command.id());
    }
}
