package dev.myelin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.events.EventMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Empty metadata, the common case, is serialized once per serializer, and reads back as empty. */
class MetadataSerializationTest {

    private final JacksonEventSerializer serializer = TestEvents.serializer();

    @Test
    void emptyMetadataIsSerializedOnceAndReused() {
        String first = serializer.serializeMetadata(EventMetadata.empty());

        assertThat(serializer.serializeMetadata(EventMetadata.empty())).isSameAs(first);
        assertThat(serializer.serializeMetadata(new EventMetadata(null, null, null, null, Map.of()))).isSameAs(first);
        assertThat(first).isEqualTo("{\"extra\":{}}");
        assertThat(serializer.deserializeMetadata(first)).isEqualTo(EventMetadata.empty());
    }

    @Test
    void metadataWithValuesIsWrittenEachTime() {
        EventMetadata metadata = new EventMetadata("corr", null, "alice", null, Map.of("k", "v"));

        String json = serializer.serializeMetadata(metadata);

        assertThat(json).isEqualTo("{\"correlation_id\":\"corr\",\"principal\":\"alice\",\"extra\":{\"k\":\"v\"}}");
        assertThat(serializer.deserializeMetadata(json)).isEqualTo(metadata);
    }
}
