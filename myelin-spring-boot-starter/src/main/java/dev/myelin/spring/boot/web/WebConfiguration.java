package dev.myelin.spring.boot.web;

import dev.myelin.behaviors.validation.PropertyNaming;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    @ConditionalOnMissingBean(RequestContextFilter.class)
    @ConditionalOnProperty(name = "myelin.web.request-context.enabled", havingValue = "true", matchIfMissing = true)
    RequestContextFilter myelinRequestContextFilter(WebProperties properties) {
        return new RequestContextFilter(properties.getRequestContext().getCorrelationHeader(),
                properties.getRequestContext().getTenantHeader(), properties.getRequestContext().getTenant());
    }
}
