package io.fidelis.shared;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON: a request that does not say exactly what it means is refused with the field named, rather than
 * guessed at. Unknown fields, duplicate keys, {@code 1.5} points, {@code "true"} for a boolean are all errors. Decimal
 * amounts may be strings ({@code "49.90"}) or numbers. Enums are lower case on the wire.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
			.withCoercionConfig(LogicalType.Integer, integers -> integers
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, booleans -> booleans
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual, texts -> texts
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float, decimals -> decimals
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			// Timestamps are ISO 8601 text with an offset, never a bare number of seconds.
			.withCoercionConfig(LogicalType.DateTime, timestamps -> timestamps
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.addModule(new SimpleModule("strings-without-nul").addDeserializer(String.class, new StringsWithoutNul()));
	}

	/** PostgreSQL cannot store the NUL character in text: it is refused where it comes in, naming its field. */
	static final class StringsWithoutNul extends StringDeserializer {

		static final String PROBLEM = "must not contain the NUL character";

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String text = super.deserialize(parser, context);
			if (text != null && text.indexOf('\0') >= 0) {
				return (String) context.handleWeirdStringValue(String.class, text, PROBLEM);
			}
			return text;
		}
	}
}
