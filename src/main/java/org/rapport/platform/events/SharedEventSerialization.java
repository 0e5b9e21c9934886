package org.rapport.platform.events;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * The durable event log writes one publication row per event and listener, and the
 * registry serializes the event for each row: an event with two listeners was turned into
 * JSON twice, one after the other, in the publishing transaction (a megabyte-sized
 * document for a batch of 10,000 interactions). The serializer is wrapped so that the
 * rows of one event share one serialization (ADR 0024).
 */
@Configuration(proxyBeanMethods = false)
class SharedEventSerialization {

	@Bean
	static BeanPostProcessor sharedEventSerializer() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof EventSerializer serializer && !(bean instanceof LastEventSerializer))
						? new LastEventSerializer(serializer) : bean;
			}
		};
	}

	/**
	 * Answers a thread's repeated serialization of the same event instance with the text
	 * made the first time. Only the last event is remembered per thread, weakly, so
	 * nothing is kept alive for it.
	 */
	static final class LastEventSerializer implements EventSerializer {

		private final EventSerializer delegate;

		private final ThreadLocal<Last> last = new ThreadLocal<>();

		LastEventSerializer(EventSerializer delegate) {
			this.delegate = delegate;
		}

		@Override
		public Object serialize(Object event) {
			Last previous = this.last.get();
			if (previous != null && previous.event.get() == event) {
				Object serialized = previous.serialized.get();
				if (serialized != null) {
					return serialized;
				}
			}
			Object serialized = this.delegate.serialize(event);
			this.last.set(new Last(new WeakReference<>(event), new SoftReference<>(serialized)));
			return serialized;
		}

		@Override
		public <T> T deserialize(Object serialized, Class<T> type) {
			return this.delegate.deserialize(serialized, type);
		}

		private record Last(WeakReference<Object> event, SoftReference<Object> serialized) {
		}

	}

}
