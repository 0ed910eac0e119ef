package dev.myelin.spring.boot.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configures Myelin's Spring MVC support in a servlet web application: a {@link ResultMapper}
 * bean, problem responses for bad input and unexpected exceptions, a request body size limit
 * (413), the {@link RequestContextFilter}, and {@code Idempotency-Key} support for
 * {@link AcceptsIdempotencyKey} methods. Each backs off when the application defines a bean of its type
 * (for the problem responses: any {@code ResponseEntityExceptionHandler}); see
 * {@link WebProperties} for the switches.
 *
 * <p>Runs before Spring Boot's MVC auto-configuration, so that its own problem-details handler
 * backs off in favour of Myelin's.
 *
 * @since 0.1
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
    "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties(WebProperties.class)
@Import({WebConfiguration.class, IdempotencyWebConfiguration.class})
public final class WebAutoConfiguration {
}
