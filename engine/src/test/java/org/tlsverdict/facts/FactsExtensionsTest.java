package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** groups and features: optional additions to tlsverdict/facts/v1. */
class FactsExtensionsTest {

    private static final String WITH_EXTENSIONS = """
            {"schema": "tlsverdict/facts/v1", "endpoints": [
              {"endpoint": {"host": "mx.example", "port": 25},
               "groups": {"TLSv1.3": ["x25519", "secp256r1"]},
               "features": {"secureRenegotiation": "yes", "compression": "no", "fallbackScsv": "unknown"}}]}
            """;

    @Test
    void readsAndWritesGroupsAndFeatures() throws Exception {
        EndpointFacts e = FactsCodec.parse(WITH_EXTENSIONS.getBytes(StandardCharsets.UTF_8), "x.json").endpoints().get(0);
        assertThat(e.groups()).containsEntry(TlsVersion.TLSv1_3, List.of("x25519", "secp256r1"));
        assertThat(e.features().secureRenegotiation()).isEqualTo(TriState.YES);
        assertThat(e.features().compression()).isEqualTo(TriState.NO);
        assertThat(e.features().extendedMasterSecret()).isNull();
        assertThat(e.features().fallbackScsv()).isEqualTo(TriState.UNKNOWN);
        String json = FactsCodec.toJson(FactsDocument.of(List.of(e)));
        assertThat(json).contains("\"groups\"").contains("\"secureRenegotiation\" : \"yes\"").doesNotContain("extendedMasterSecret");
        EndpointFacts again = FactsCodec.parse(json.getBytes(StandardCharsets.UTF_8), "y.json").endpoints().get(0);
        assertThat(again.groups()).isEqualTo(e.groups());
        assertThat(again.features()).isEqualTo(e.features());
    }

    @Test
    void filesWithoutThemAndTheOldConstructorMeanNotCollected() throws Exception {
        EndpointFacts old = new EndpointFacts(new Endpoint("h", null, 25, null, null), null, Map.of(TlsVersion.TLSv1_2, Support.OFFERED),
                null, null, null, null, null);
        assertThat(old.groups()).isNull();
        assertThat(old.features()).isNull();
        String json = FactsCodec.toJson(FactsDocument.of(List.of(old)));
        assertThat(json).doesNotContain("groups").doesNotContain("features");
        EndpointFacts empty = new EndpointFacts(old.endpoint(), null, null, null, null, null, null, null, null,
                new TlsFeatures(null, null, null, null));
        assertThat(empty.features()).isNull();
        assertThat(old.withSource(new Provenance("native", null, null)).groups()).isNull();
    }

    @Test
    void unknownFeatureKeysAreRejectedLikeOtherKeys() {
        String bad = WITH_EXTENSIONS.replace("\"compression\"", "\"compresion\"");
        assertThatThrownBy(() -> FactsCodec.parse(bad.getBytes(StandardCharsets.UTF_8), "bad.json"))
                .isInstanceOf(FactsFormatException.class).hasMessageContaining("compresion");
    }
}
