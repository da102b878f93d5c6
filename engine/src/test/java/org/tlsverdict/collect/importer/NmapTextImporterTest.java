package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.TlsVersion;

/** The two nmap outputs pasted into the seed discussion, imported from their verbatim text. */
class NmapTextImporterTest {

    @Test
    void forumPastesGiveTheSameFactsAsTheHandTranscription() throws Exception {
        for (String name : new String[] {"gmail-587", "jonaharagon-587"}) {
            EndpointFacts imported = InputReader.read(Path.of("fixtures/seed-forum-nmap/" + name + ".nmap.txt"), name).endpoints().get(0);
            EndpointFacts transcribed = FactsCodec.read(Path.of("fixtures/seed-forum/" + name + ".json"), name).endpoints().get(0);
            assertThat(imported.endpoint().host()).isEqualTo(transcribed.endpoint().host());
            assertThat(imported.endpoint().service()).isEqualTo(transcribed.endpoint().service());
            assertThat(imported.protocols()).isEqualTo(transcribed.protocols());
            assertThat(imported.serverPreference()).isEqualTo(transcribed.serverPreference());
            for (TlsVersion v : transcribed.ciphers().keySet()) {
                assertThat(ImporterFixtures.names(imported, v)).as(name + " " + v)
                        .isEqualTo(transcribed.ciphers().get(v).stream()
                                .map(c -> org.tlsverdict.facts.CipherRegistry.standard().byIana(c.iana()).orElseThrow().iana()).toList());
                assertThat(imported.ciphers().get(v)).extracting(c -> c.group())
                        .isEqualTo(transcribed.ciphers().get(v).stream().map(c -> c.group()).toList());
            }
        }
    }

    @Test
    void sweet32WarningIsAFindingAndOtherTestsStayUnknown() throws Exception {
        EndpointFacts gmail = InputReader.read(Path.of("fixtures/seed-forum-nmap/gmail-587.nmap.txt"), "g").endpoints().get(0);
        assertThat(gmail.vulnerabilities()).extracting(v -> v.name() + "=" + v.status())
                .containsExactlyInAnyOrder("SWEET32=vulnerable", "OTHER_TESTS=unknown");
    }

    @Test
    void pasteWithoutHostLineIsRefused() {
        String text = "587/tcp open  submission\n| ssl-enum-ciphers: \n|   TLSv1.3: \n|     ciphers: \n"
                + "|       TLS_AKE_WITH_AES_128_GCM_SHA256 (ecdh_x25519) - A\n|_  least strength: A\n";
        assertThatThrownBy(() -> ImporterFixtures.parse(text, "nmap-text"))
                .hasMessageContaining("snippet: ").hasMessageContaining("Nmap scan report for");
    }
}
