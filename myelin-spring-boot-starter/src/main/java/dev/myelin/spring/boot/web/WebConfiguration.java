package dev.myelin.spring.boot.web;

import dev.myelin.behaviors.validation.PropertyNaming;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The beans of {@link WebAutoConfiguration}. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    @ConditionalOnMissingBean(ResultMapper.class)
    ResultMapper myelinResultMapper() {
        return ResultMapper.ofDefaults();
    }

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    @ConditionalOnProperty(name = "myelin.web.problems.enabled", havingValue = "true", matchIfMissing = true)
    ProblemExceptionHandler myelinProblemExceptionHandler(ResultMapper resultMapper, WebProperties properties) {
        PropertyNaming naming = switch (properties.getProblems().getFieldNaming()) {
            case SNAKE_CASE -> PropertyNaming.SNAKE_CASE;
            case IDENTITY -> PropertyNaming.IDENTITY;
        };
        return new ProblemExceptionHandler(resultMapper, naming);
    }

    @Bean
    @ConditionalOnProperty(name = "myelin.web.problems.enabled", havingValue = "true", matchIfMissing = true)
    BodySizeLimitFilter myelinBodySizeLimitFilter(WebProperties properties) {
        return new BodySizeLimitFilter(properties.getProblems().getMaxBodySize().toBytes());
    }

    @Bean
    @ConditionalOnProperty(name = "myelin.web.problems.enabled", havingValue = "true", matchIfMissing = true)
    InputScreeningFilter myelinInputScreeningFilter() {
        return new InputScreeningFilter();
    }

    @Bean
    @ConditionalOnProperty(name = "myelin.web.slow-clients.enabled", havingValue = "true", matchIfMissing = true)
    BodyReadAheadFilter myelinBodyReadAheadFilter(WebProperties properties) {
        return new BodyReadAheadFilter(properties.getProblems().getMaxBodySize().toBytes(),
                properties.getSlowClients().getBodyTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "myelin.web.problems.enabled", havingValue = "true", matchIfMissing = true)
    WebMvcConfigurer myelinContentNegotiationBeforeHandlers(ObjectProvider<RequestMappingHandlerAdapter> adapter,
            ObjectProvider<ContentNegotiationManager> negotiation) {
        ContentNegotiationInterceptor interceptor = new ContentNegotiationInterceptor(
                () -> adapter.getObject().getMessageConverters(),
                () -> negotiation.getIfUnique(ContentNegotiationManager::new));
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(RequestContextFilter.class)
    @ConditionalOnProperty(name = "myelin.web.request-context.enabled", havingValue = "true", matchIfMissing = true)
    RequestContextFilter myelinRequestContextFilter(WebProperties properties) {
        return new RequestContextFilter(properties.getRequestContext().getCorrelationHeader(),
                properties.getRequestContext().getTenantHeader(), properties.getRequestContext().getTenant());
    }

    /** The error page as a problem, in place of Spring Boot's {@code BasicErrorController}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.webmvc.error.ErrorController")
    @ConditionalOnProperty(name = "myelin.web.problems.enabled", havingValue = "true", matchIfMissing = true)
    static class ErrorPageConfiguration {

        @Bean
        @ConditionalOnMissingBean(ErrorController.class)
        ProblemErrorController myelinProblemErrorController() {
            return new ProblemErrorController();
        }
    }

    /** Tomcat's own error pages as problems; 100 Continue when bodies are read ahead. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
        "org.apache.catalina.valves.ErrorReportValve"})
    static class TomcatConfiguration {

        @Bean
        TomcatHardening myelinTomcatHardening(WebProperties properties) {
            return new TomcatHardening(properties.getProblems().isEnabled(), properties.getSlowClients().isEnabled(),
                    properties.getSlowClients().getHeaderTimeout());
        }
    }

    /** NUL-free strings and, by default, strict JSON for the application's JSON mapper; NUL-free JSON bodies. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer",
        "tools.jackson.databind.json.JsonMapper"})
    static class JsonConfiguration {

        @Bean
        JsonInput myelinJsonInput(WebProperties properties) {
            return new JsonInput(properties.isStrictJson());
        }

        @Bean
        NulScreeningAdvice myelinNulScreeningAdvice() {
            return new NulScreeningAdvice();
        }
    }
}
