package org.rapport.platform.events;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.events.core.EventSerializer;

import static org.assertj.core.api.Assertions.assertThat;

class SharedEventSerializationTest {

	record Happened(String what) {
	}

	@Test
	void thePublicationRowsOfOneEventShareOneSerializationAndAnotherEventIsSerializedAnew() {
		CountingSerializer counting = new CountingSerializer();
		EventSerializer shared = new SharedEventSerialization.LastEventSerializer(counting);
		Happened first = new Happened("first");
		Happened equalButOther = new Happened("first");

		Object once = shared.serialize(first);
		Object again = shared.serialize(first);
		Object other = shared.serialize(equalButOther);

		assertThat(again).isSameAs(once);
		assertThat(other).isEqualTo(once).isNotSameAs(once);
		assertThat(counting.serialized).containsExactly(first, equalButOther);
		assertThat(shared.deserialize("x", String.class)).isEqualTo("read x");
	}

	@Test
	void eachThreadRemembersOnlyItsOwnLastEvent() throws Exception {
		CountingSerializer counting = new CountingSerializer();
		EventSerializer shared = new SharedEventSerialization.LastEventSerializer(counting);
		Happened event = new Happened("once");
		shared.serialize(event);

		Thread other = new Thread(() -> shared.serialize(event));
		other.start();
		other.join();

		assertThat(counting.serialized).hasSize(2);
	}

	private static final class CountingSerializer implements EventSerializer {

		final List<Object> serialized = new ArrayList<>();

		@Override
		public synchronized Object serialize(Object event) {
			this.serialized.add(event);
			return new String("{" + event + "}");
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T deserialize(Object serialized, Class<T> type) {
			return (T) ("read " + serialized);
		}

	}

}
