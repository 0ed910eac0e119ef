package dev.myelin.spring.boot.data;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/** The condition of {@link ConditionalOnEmbeddedPostgres}. */
final class OnEmbeddedPostgresCondition extends SpringBootCondition {

    private static final String[] REQUIRED_CLASSES = {"dev.myelin.postgres.embedded.EmbeddedPostgresServer",
        "io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "com.zaxxer.hikari.HikariDataSource"};

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            return ConditionOutcome.noMatch("spring.datasource.url is set");
        }
        if (!environment.getProperty("myelin.postgres.embedded.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch("myelin.postgres.embedded.enabled is false");
        }
        for (String name : REQUIRED_CLASSES) {
            if (!ClassUtils.isPresent(name, context.getClassLoader())) {
                return ConditionOutcome.noMatch(name + " is not on the class path");
            }
        }
        return ConditionOutcome.match("no spring.datasource.url; embedded PostgreSQL enabled and on the class path");
    }
}
