package dev.myelin.examples.pizzeria.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}), both
 * open without login. Schemas use snake_case property names, as the JSON does: springdoc reads the
 * types with swagger-core's own (Jackson 2) mapper, which does not see the application's
 * {@code spring.jackson.property-naming-strategy}, so the resolver here is given the same naming.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BASIC = "basic";
    private static final String BEARER = "bearer";

    @Bean
    OpenAPI pizzeriaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Mario's Pizzeria API").version("0.1")
                        .description("Orders, menu, kitchen, delivery and analytics, built on the Myelin mediator. "
                                + "Errors are RFC 9457 application/problem+json. Staff endpoints need HTTP Basic "
                                + "(development users customer, chef, driver, manager; password = user name) or, "
                                + "in jwt mode, a bearer token."))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    ModelResolver snakeCaseModelResolver() {
        ObjectMapper mapper = Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper);
    }
}
