package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TriState;
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
    void pasteWithoutHostLineImportsWithTheHostUnknown() throws Exception {
        String text = "587/tcp open  submission\n| ssl-enum-ciphers: \n|   TLSv1.3: \n|     ciphers: \n"
                + "|       TLS_AKE_WITH_AES_128_GCM_SHA256 (ecdh_x25519) - A\n|_  least strength: A\n";
        EndpointFacts e = ImporterFixtures.parse(text, "nmap-text");
        assertThat(e.endpoint().host()).isEqualTo("unknown");
        assertThat(e.endpoint().ip()).isNull();
        assertThat(e.endpoint().port()).isEqualTo(587);
        assertThat(e.endpoint().service()).isEqualTo(Service.SUBMISSION);
        assertThat(e.protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.OFFERED);
        assertThat(e.protocols().get(TlsVersion.TLSv1_2)).isEqualTo(Support.NOT_OFFERED);
    }

    @Test
    void targetGivesHostAndPortToAScriptBlockPastedAlone() throws Exception {
        String text = "| ssl-enum-ciphers: \n|   TLSv1.2: \n|     ciphers: \n"
                + "|       TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (secp256r1) - A\n|     cipher preference: server\n|_  least strength: A\n";
        assertThatThrownBy(() -> ImporterFixtures.parse(text, "nmap-text")).hasMessageContaining("--target HOST:PORT");
        EndpointFacts e = InputReader.parse(text.getBytes(StandardCharsets.UTF_8), "snippet", null,
                ImportTarget.parse("mx.example.org:25")).endpoints().get(0);
        assertThat(e.endpoint().host()).isEqualTo("mx.example.org");
        assertThat(e.endpoint().port()).isEqualTo(25);
        assertThat(e.endpoint().service()).isEqualTo(Service.SMTP);
    }

    @Test
    void nmap6LayoutReadsVersionsWithoutColonAndCountedCipherBlocks() throws Exception {
        String text = "Nmap scan report for mail.example.org (192.0.2.7)\n"
                + "PORT    STATE SERVICE\n25/tcp open  smtp\n| ssl-enum-ciphers: \n|   SSLv3\n|     Ciphers (2)\n"
                + "|       TLS_RSA_WITH_3DES_EDE_CBC_SHA - strong\n|       TLS_RSA_WITH_AES_256_CBC_SHA - unknown strength\n"
                + "|     Compressors (1)\n|       uncompressed\n|   TLSv1.0\n|     Ciphers (1)\n"
                + "|       TLS_RSA_WITH_3DES_EDE_CBC_SHA - strong\n|     Compressors (1)\n|       NULL\n"
                + "|_  Least strength = unknown strength\n";
        EndpointFacts e = ImporterFixtures.parse(text, "nmap-text");
        assertThat(e.protocols()).containsEntry(TlsVersion.SSLv3, Support.OFFERED).containsEntry(TlsVersion.TLSv1_0, Support.OFFERED)
                .containsEntry(TlsVersion.TLSv1_2, Support.NOT_OFFERED).containsEntry(TlsVersion.TLSv1_3, Support.UNKNOWN);
        assertThat(ImporterFixtures.names(e, TlsVersion.SSLv3))
                .containsExactly("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA");
        assertThat(ImporterFixtures.names(e, TlsVersion.TLSv1_0)).containsExactly("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(e.serverPreference()).isNull();
    }

    @Test
    void tls13IsUnknownUnlessTheNmapVersionTriesIt() throws Exception {
        String body = "Nmap scan report for mail.example.org (192.0.2.7)\nPORT    STATE SERVICE\n587/tcp open  submission\n"
                + "| ssl-enum-ciphers: \n|   TLSv1.2: \n|     ciphers: \n"
                + "|       TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (secp256r1) - A\n|     cipher preference: server\n|_  least strength: A\n";
        assertThat(ImporterFixtures.parse("Starting Nmap 7.70 ( https://nmap.org ) at 2018-04-16 20:44 CST\n" + body, "nmap-text")
                .protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.UNKNOWN);
        assertThat(ImporterFixtures.parse("# Nmap 7.91 scan initiated Thu Apr 29 09:26:36 2021 as: nmap\n" + body, "nmap-text")
                .protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.UNKNOWN);
        assertThat(ImporterFixtures.parse(body, "nmap-text").protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.UNKNOWN);
        assertThat(ImporterFixtures.parse("Starting Nmap 7.92 ( https://nmap.org ) at 2021-08-07 10:00 UTC\n" + body, "nmap-text")
                .protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.NOT_OFFERED);
        assertThat(ImporterFixtures.parse("# Nmap 7.94SVN scan initiated Mon May  6 06:12:01 2024\n" + body, "nmap-text")
                .protocols().get(TlsVersion.TLSv1_2)).isEqualTo(Support.OFFERED);
    }

    @Test
    void controlSequencesBeforeTheReportLineDoNotHideTheHost() throws Exception {
        String text = "\u001B[0m\u001B[1mNmap scan report for mail.example.org (192.0.2.7)\u001B[0m\r\nPORT    STATE SERVICE\r\n"
                + "993/tcp open  imaps\r\n| ssl-enum-ciphers: \r\n|   TLSv1.2: \r\n|     ciphers: \r\n"
                + "|       \u001B[32mTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (secp256r1) - A\u001B[0m\r\n|_  least strength: A\r\n";
        EndpointFacts e = ImporterFixtures.parse(text, "nmap-text");
        assertThat(e.endpoint().host()).isEqualTo("mail.example.org");
        assertThat(e.endpoint().ip()).isEqualTo("192.0.2.7");
        assertThat(ImporterFixtures.names(e, TlsVersion.TLSv1_2)).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void onlyPortsWithTlsScriptOutputBecomeEndpointsWithNmapsServiceColumn() throws Exception {
        String text = "Nmap scan report for mx.example.org (192.0.2.9)\nPORT     STATE SERVICE  VERSION\n"
                + "22/tcp   open  ssh      OpenSSH 8.2p1\n| ssh-hostkey: \n|   3072 c1:99:4b (RSA)\n|_  256 0f:44:8b (ECDSA)\n"
                + "80/tcp   open  http     nginx\n|_http-title: Welcome\n"
                + "465/tcp  open  ssl/smtp Exim smtpd\n| ssl-cert: Subject: commonName=mx.example.org\n|_Not valid after:  2031-01-24T10:26:37\n"
                + "587/tcp  open  smtp     Exim smtpd\n| ssl-cert: Subject: commonName=mx.example.org\n|_Not valid after:  2031-01-24T10:26:37\n"
                + "2525/tcp open  smtp     Exim smtpd\n| ssl-cert: Subject: commonName=mx.example.org\n|_Not valid after:  2031-01-24T10:26:37\n"
                + "445/tcp  open  microsoft-ds\nHost script results:\n| smb2-time: \n|_  start_date: N/A\n";
        List<EndpointFacts> all = InputReader.parse(text.getBytes(StandardCharsets.UTF_8), "snippet", null).endpoints();
        assertThat(all).extracting(e -> e.endpoint().port() + " " + e.endpoint().service() + " " + e.endpoint().transport())
                .containsExactly("465 smtps implicit", "587 submission starttls", "2525 smtp starttls");
        assertThat(all.get(0).certificates().get(0).subject()).isEqualTo("CN=mx.example.org");
        assertThat(all.get(0).certificates().get(0).hostnameMatch()).isEqualTo(TriState.YES);
        assertThat(all.get(0).protocols()).isNull();
    }

    @Test
    void aSuiteListWithALineItCannotReadIsNotCollected() throws Exception {
        String text = "Nmap scan report for mail.example.org (192.0.2.7)\nPORT    STATE SERVICE\n25/tcp open  smtp\n"
                + "| ssl-enum-ciphers: \n|   TLSv1.1:\n|     ciphers:\n(skipped for brevity)\n|   TLSv1.2:\n|     ciphers:\n"
                + "|       TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (secp256r1) - A\n|       ... and 14 more\n|_  least strength: A\n";
        EndpointFacts e = ImporterFixtures.parse(text, "nmap-text");
        assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).containsEntry(TlsVersion.TLSv1_1, Support.OFFERED);
        assertThat(e.ciphers()).doesNotContainKey(TlsVersion.TLSv1_2).containsEntry(TlsVersion.TLSv1_1, List.of());
    }
}
