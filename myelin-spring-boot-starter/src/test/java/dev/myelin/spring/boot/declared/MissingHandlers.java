package dev.myelin.spring.boot.declared;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The handlers {@link DeclaredRequestsApplication} lacks. Not nested in it: Spring would register
 * a nested configuration class with its outer one.
 */
@Configuration(proxyBeanMethods = false)
public class MissingHandlers {

    @Bean
    CommandHandler<DeclaredRequestsApplication.CancelOrder, OperationResult<String>> cancelOrder() {
        return command -> OperationResult.noContent();
    }

    @Bean
    QueryHandler<DeclaredRequestsApplication.GetMenu, String> getMenu() {
        return query -> "menu";
    }
}
