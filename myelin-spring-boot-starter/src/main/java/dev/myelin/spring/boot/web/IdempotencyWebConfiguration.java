package dev.myelin.spring.boot.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The {@code Idempotency-Key} support of {@link AcceptsIdempotencyKey} methods: the fingerprint
 * filter, the key interceptor, the replay header and the problems of the behavior's exceptions.
 * Switched by {@code myelin.web.idempotency.enabled} (on by default); needs the idempotency
 * behavior on the class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.myelin.behaviors.idempotency.IdempotencyBehavior")
@ConditionalOnProperty(name = "myelin.web.idempotency.enabled", havingValue = "true", matchIfMissing = true)
class IdempotencyWebConfiguration {

    @Bean
    IdempotencyFingerprintFilter myelinIdempotencyFingerprintFilter() {
        return new IdempotencyFingerprintFilter();
    }

    @Bean
    WebMvcConfigurer myelinIdempotencyKeyInterceptor() {
        IdempotencyKeyInterceptor interceptor = new IdempotencyKeyInterceptor();
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }
        };
    }

    @Bean
    IdempotencyReplayHeader myelinIdempotencyReplayHeader() {
        return new IdempotencyReplayHeader();
    }

    @Bean
    IdempotencyProblems myelinIdempotencyProblems(ResultMapper resultMapper) {
        return new IdempotencyProblems(resultMapper);
    }
}
