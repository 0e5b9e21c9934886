package org.rapport.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.stereotype.Component;

/**
 * Refuses, while a request body is read, a text holding the NUL character (values and map
 * keys) and a date outside the years 1 to 9999 ({@link StorableValues}): the refusal is
 * an invalid format at the field's path, which the API answers as a 400 problem naming
 * that field. Registered with the application's JSON mapper.
 */
@Component
class StorableValuesModule extends SimpleModule {

	private static final Set<Class<?>> TIMES = Set.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class,
			LocalDate.class);

	StorableValuesModule() {
		super("rapport-storable-values");
		setDeserializerModifier(new ValueDeserializerModifier() {

			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				Class<?> type = description.getBeanClass();
				return (type == String.class || TIMES.contains(type)) ? new Checked(deserializer) : deserializer;
			}

		});
		addKeyDeserializer(String.class, new KeyDeserializer() {

			@Override
			public Object deserializeKey(String key, DeserializationContext context) {
				if (!StorableValues.storable(key)) {
					throw context.weirdKeyException(String.class, key, StorableValues.NUL_MESSAGE);
				}
				return key;
			}

		});
	}

	/** The standard deserializer of the type, with the check after it. */
	private static final class Checked extends DelegatingDeserializer {

		Checked(ValueDeserializer<?> delegatee) {
			super(delegatee);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
			return new Checked(delegatee);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			return checked(parser, this._delegatee.deserialize(parser, context));
		}

		private static Object checked(JsonParser parser, Object value) {
			if (value instanceof String text && !StorableValues.storable(text)) {
				throw InvalidFormatException.from(parser, StorableValues.NUL_MESSAGE, text, String.class);
			}
			if (!StorableValues.storableTime(value)) {
				throw InvalidFormatException.from(parser, StorableValues.YEAR_MESSAGE, value, value.getClass());
			}
			return value;
		}

	}

}
