package dev.myelin.spring.boot.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.core.Ordered;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Myelin's settings of the application's JSON mapper, applied through Spring Boot's
 * {@link JsonMapperBuilderCustomizer} like Boot's own:
 *
 * <ul>
 *   <li><b>Always:</b> a JSON string or map key with a NUL character ({@code \u0000}) read as a
 *       {@code String} is refused where it is read, as an {@link InvalidFormatException} that names the
 *       field, so it never reaches a command (PostgreSQL stores no NUL in {@code text} or {@code json}).
 *       Values read as {@code Object} or {@code JsonNode} are not checked here; in a request body
 *       {@link NulScreeningAdvice} refuses a NUL anywhere.</li>
 *   <li><b>Strict</b> ({@code myelin.web.strict-json}, on by default): no scalar coercion (a number
 *       where a string belongs, a string where a number or boolean belongs, a float where an integer
 *       belongs), duplicate keys refused, enums matched case-sensitively.</li>
 * </ul>
 *
 * <p>Ordered after Spring Boot's customizer (which applies {@code spring.jackson.*}), so these win.
 */
final class JsonInput implements JsonMapperBuilderCustomizer, Ordered {

    private final boolean strict;

    JsonInput(boolean strict) {
        this.strict = strict;
    }

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.addModule(new SimpleModule("myelin-no-nul").addDeserializer(String.class, new NulRefusingStrings())
                .addKeyDeserializer(String.class, new NulRefusingKeys()));
        if (!strict) {
            return;
        }
        builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    /** Map keys as they are, refusing keys with a NUL character. */
    static final class NulRefusingKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            if (key.indexOf('\0') >= 0) {
                throw context.weirdKeyException(String.class, key, InputScreeningFilter.NUL_MESSAGE);
            }
            return key;
        }
    }

    /** Jackson's string deserializer, refusing strings with a NUL character. */
    static final class NulRefusingStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, InputScreeningFilter.NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }
}
