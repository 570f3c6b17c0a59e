package io.parley.config;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;
import tools.jackson.databind.type.LogicalType;

import io.parley.web.Text;

/**
 * The JSON rules of the API: timestamps as ISO-8601 UTC with milliseconds, unknown fields
 * ignored, no silent coercion between JSON types (a number where a string belongs is a
 * malformed request, not a string; nor is {@code ""} a null, 0 or false), and no string
 * that {@link Text#storable} refuses, in bodies and in trees (socket frames) alike.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer parleyJsonRules() {
		SimpleModule timestamps = new SimpleModule("parley-timestamps");
		timestamps.addSerializer(Instant.class, new InstantSerializer());
		SimpleModule strings = new SimpleModule("parley-strings");
		strings.addDeserializer(String.class, new StorableStringDeserializer());
		return (builder) -> builder.addModule(timestamps)
			.addModule(strings)
			.nodeFactory(new StorableNodeFactory())
			.withCoercionConfigDefaults((c) -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
				.setAcceptBlankAsEmpty(false))
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.withCoercionConfig(LogicalType.Textual,
					(c) -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					(c) -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					(c) -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.POJO, (c) -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
	}

	private static String storable(String text) {
		if (!Text.storable(text)) {
			throw new Text.UnstorableException();
		}
		return text;
	}

	private static final class StorableStringDeserializer extends StringDeserializer {

		@Override
		public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
			String text = super.deserialize(parser, context);
			return (text != null) ? storable(text) : null;
		}

	}

	private static final class StorableNodeFactory extends JsonNodeFactory {

		@Override
		public StringNode stringNode(@Nullable String text) {
			return super.stringNode((text != null) ? storable(text) : null);
		}

	}

	private static final class InstantSerializer extends ValueSerializer<Instant> {

		@Override
		public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
			char[] text = new char[UtcTimestamps.LENGTH];
			if (UtcTimestamps.write(value, text)) {
				generator.writeString(text, 0, text.length);
			}
			else {
				generator.writeString(UtcTimestamps.PATTERN.format(value));
			}
		}

	}

}
