package dev.myelin.examples.pizzeria.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
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
    private static final String PROBLEM = "Problem";

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

    /**
     * Every API operation may answer an RFC 9457 problem: declared once as {@code 4XX} and
     * {@code 5XX} responses of type {@code application/problem+json}, with the {@code errors} map
     * of field messages.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            Schema<?> problem = new ObjectSchema()
                    .description("RFC 9457 problem; errors maps each invalid field (snake_case path) to its messages")
                    .addProperty("type", new StringSchema().example("about:blank"))
                    .addProperty("title", new StringSchema().example("Validation failed"))
                    .addProperty("status", new IntegerSchema().example(400))
                    .addProperty("detail", new StringSchema().example("1 field is invalid"))
                    .addProperty("instance", new StringSchema().example("/api/orders"))
                    .addProperty("errors", new MapSchema().additionalProperties(new ArraySchema().items(new StringSchema())));
            openApi.getComponents().addSchemas(PROBLEM, problem);
            Content content = new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                responses.addApiResponse("4XX", new ApiResponse().description("A problem with the request").content(content));
                responses.addApiResponse("5XX", new ApiResponse().description("An unexpected error").content(content));
                operation.setResponses(responses);
            }));
        };
    }

    @Bean
    ModelResolver snakeCaseModelResolver() {
        ObjectMapper mapper = Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper);
    }
}
