package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Transport;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.Vulnerability;

/** sslyze --json_out: what a command that did not run, failed or found something becomes. */
class SslyzeJsonImporterTest {

    private static String attempt(String status, String result) {
        return "{\"status\": \"" + status + "\", \"error_reason\": " + ("ERROR".equals(status) ? "\"BUG_IN_SSLYZE\"" : "null")
                + ", \"error_trace\": null, \"result\": " + result + "}";
    }

    private static String server(String scanResult) {
        return "{\"sslyze_version\": \"6.1.0\", \"server_scan_results\": [{\"uuid\": \"x\", \"server_location\": {\"hostname\": \"smtp.example.org\","
                + " \"port\": 587, \"ip_address\": \"192.0.2.7\", \"connection_type\": \"DIRECT\"},"
                + " \"network_configuration\": {\"tls_server_name_indication\": \"smtp.example.org\", \"tls_opportunistic_encryption\": \"SMTP\"},"
                + " \"connectivity_status\": \"COMPLETED\", \"connectivity_result\": {\"highest_tls_version_supported\": \"TLS_1_3\"},"
                + " \"scan_status\": \"COMPLETED\", \"scan_result\": {" + scanResult + "}}]}";
    }

    @Test
    void testsThatFailedAreUnknownAndTestsNotScheduledAreNotCollected() throws Exception {
        EndpointFacts e = ImporterFixtures.parse(server(
                "\"heartbleed\": " + attempt("ERROR", "null") + ","
                        + "\"openssl_ccs_injection\": " + attempt("NOT_SCHEDULED", "null") + ","
                        + "\"robot\": " + attempt("COMPLETED", "{\"robot_result\": \"VULNERABLE_WEAK_ORACLE\"}") + ","
                        + "\"tls_compression\": " + attempt("COMPLETED", "{\"supports_compression\": false}")), "sslyze");
        assertThat(e.vulnerabilities()).extracting(v -> v.name() + "=" + v.status())
                .containsExactlyInAnyOrder("HEARTBLEED=unknown", "ROBOT=vulnerable", "CRIME_TLS=not-vulnerable");
        assertThat(e.protocols()).isNull();
        assertThat(e.features().compression()).isEqualTo(TriState.NO);
    }

    @Test
    void suitesPerVersionWithKeyExchangeAndTheStarttlsService() throws Exception {
        EndpointFacts e = ImporterFixtures.parse(server(
                "\"tls_1_2_cipher_suites\": " + attempt("COMPLETED", "{\"tls_version_used\": \"TLS_1_2\", \"is_tls_version_supported\": true,"
                        + " \"accepted_cipher_suites\": [{\"cipher_suite\": {\"name\": \"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256\", \"openssl_name\": \"DHE-RSA-AES128-GCM-SHA256\"},"
                        + " \"ephemeral_key\": {\"type_name\": \"DH\", \"size\": 1024}},"
                        + " {\"cipher_suite\": {\"name\": \"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"}, \"ephemeral_key\": {\"type_name\": \"ECDH\", \"size\": 253, \"curve_name\": \"X25519\"}}],"
                        + " \"rejected_cipher_suites\": []}") + ","
                        + "\"ssl_3_0_cipher_suites\": " + attempt("COMPLETED", "{\"is_tls_version_supported\": false, \"accepted_cipher_suites\": [], \"rejected_cipher_suites\": []}") + ","
                        + "\"tls_1_3_early_data\": " + attempt("COMPLETED", "{\"supports_early_data\": true}") + ","
                        + "\"tls_extended_master_secret\": " + attempt("COMPLETED", "{\"supports_ems_extension\": false}") + ","
                        + "\"elliptic_curves\": " + attempt("COMPLETED", "{\"supports_ecdh_key_exchange\": true, \"supported_curves\": [{\"name\": \"X25519\"}, {\"name\": \"prime256v1\"}]}")),
                "sslyze");
        assertThat(e.endpoint().service()).isEqualTo(Service.SUBMISSION);
        assertThat(e.endpoint().transport()).isEqualTo(Transport.STARTTLS);
        assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED).containsEntry(TlsVersion.SSLv3, Support.NOT_OFFERED)
                .doesNotContainKey(TlsVersion.TLSv1_3);
        assertThat(e.ciphers().get(TlsVersion.TLSv1_2)).extracting(c -> c.iana() + " " + c.dhBits() + " " + c.group())
                .containsExactly("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 1024 null", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 null x25519");
        assertThat(e.ciphers().get(TlsVersion.SSLv3)).isEmpty();
        assertThat(e.serverPreference()).as("sslyze has no server-preference test").isNull();
        assertThat(e.features().earlyData()).isEqualTo(TriState.YES);
        assertThat(e.features().extendedMasterSecret()).isEqualTo(TriState.NO);
        assertThat(e.groups().get(TlsVersion.TLSv1_3)).containsExactly("x25519", "secp256r1");
    }

    @Test
    void realSslyze6OutputsReadTrustAndHeartbleed() throws Exception {
        List<EndpointFacts> selfSigned = InputReader.read(
                Path.of("fixtures/wild/sslyze-6.2.0-securecodebox-self-signed.badssl.com/self-signed.badssl.com.json"), "s").endpoints();
        assertThat(selfSigned.get(0).certificates().get(0).trusted()).isEqualTo(TriState.NO);
        assertThat(selfSigned.get(0).vulnerabilities()).extracting(Vulnerability::name).contains("HEARTBLEED", "ROBOT", "CCS");
        List<EndpointFacts> unreachable = InputReader.read(
                Path.of("fixtures/wild/sslyze-6.0.0-securecodebox-unavailable-host/unavailable-host.json"), "u").endpoints();
        assertThat(unreachable).singleElement().satisfies(u -> {
            assertThat(u.protocols()).isNull();
            assertThat(u.vulnerabilities()).isNull();
        });
    }

    @Test
    void jsonThatIsNotSslyzeIsRefusedWithOneLine() {
        assertThatThrownBy(() -> ImporterFixtures.parse("{\"server_scan_results\": 3}", "sslyze"))
                .hasMessageContaining("snippet: no server_scan_results array");
        assertThatThrownBy(() -> ImporterFixtures.parse("{\"server_scan_results\": [], \"sslyze_version\": \"6.0.0\"}", "sslyze"))
                .hasMessageContaining("sslyze scanned no server");
    }
}
