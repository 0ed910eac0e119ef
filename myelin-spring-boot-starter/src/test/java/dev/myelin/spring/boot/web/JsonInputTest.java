package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** The application's JSON mapper as the web auto-configuration leaves it: strict by default, never with NUL. */
class JsonInputTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class, WebAutoConfiguration.class));

    enum Size { SMALL, LARGE }

    record Order(String customerName, int quantity, Size size) {
    }

    @Test
    void strictByDefaultRefusesCoercionDuplicateKeysAndEnumsInAnotherCase() {
        runner.run(context -> {
            JsonMapper json = context.getBean(JsonMapper.class);
            // Each body is valid but for the one thing tested (an int is required: a missing one fails too).
            assertThatThrownBy(() -> json.readValue("{\"customerName\": 123, \"quantity\": 1}", Order.class))
                    .isInstanceOf(MismatchedInputException.class).hasMessageContaining("coerce");
            assertThatThrownBy(() -> json.readValue("{\"quantity\": \"2\"}", Order.class))
                    .isInstanceOf(MismatchedInputException.class).hasMessageContaining("coerce");
            assertThatThrownBy(() -> json.readValue("{\"quantity\": 2.5}", Order.class))
                    .isInstanceOf(MismatchedInputException.class).hasMessageContaining("coerce");
            assertThatThrownBy(() -> json.readValue("{\"quantity\": 1, \"quantity\": 2}", Order.class))
                    .isInstanceOf(StreamReadException.class).hasMessageContaining("Duplicate");
            assertThatThrownBy(() -> json.readValue("{\"quantity\": 1, \"size\": \"small\"}", Order.class))
                    .isInstanceOf(InvalidFormatException.class).hasMessageContaining("small");
            assertThat(json.readValue("{\"customerName\": \"Ann\", \"quantity\": 2, \"size\": \"SMALL\"}", Order.class))
                    .isEqualTo(new Order("Ann", 2, Size.SMALL));
        });
    }

    @Test
    void lenientWhenStrictJsonIsOffButNeverWithANul() {
        runner.withPropertyValues("myelin.web.strict-json=false").run(context -> {
            JsonMapper json = context.getBean(JsonMapper.class);
            assertThat(json.readValue("{\"customerName\": 123, \"quantity\": \"2\"}", Order.class))
                    .isEqualTo(new Order("123", 2, null));
            assertThatThrownBy(() -> json.readValue("{\"customerName\": \"A\\u0000\", \"quantity\": 1}", Order.class))
                    .isInstanceOf(InvalidFormatException.class).hasMessageContaining("NUL");
            assertThatThrownBy(() -> json.readValue("{\"a\\u0000\": \"b\"}",
                    new tools.jackson.core.type.TypeReference<java.util.Map<String, String>>() { }))
                    .isInstanceOf(InvalidFormatException.class).hasMessageContaining("NUL");
        });
    }
}
