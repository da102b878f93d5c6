package org.tlsverdict.collect.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tlsverdict.collect.Starttls;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Transport;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.VulnStatus;

/**
 * sslyze {@code --json_out} output: 5.x and 6.x ({@code server_scan_results[].scan_result.<command>}
 * with a status per command) and 3.x/4.x ({@code scan_commands_results}, a command that did not run
 * is absent or listed in {@code scan_commands_errors}). A command that was not scheduled or failed
 * leaves its facts unknown. sslyze has no server-preference test (it was removed in 4.0), so
 * {@code serverPreference} is never set from it, and its suite order is its own, not the server's.
 */
public final class SslyzeJsonImporter implements ScanImporter {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                // Certificates carry their RSA modulus as a JSON number (617 digits for 2048 bits).
                .maxNumberLength(10_000).build());
    }

    private static final Map<String, TlsVersion> SUITE_COMMANDS = Map.of(
            "ssl_2_0_cipher_suites", TlsVersion.SSLv2, "ssl_3_0_cipher_suites", TlsVersion.SSLv3,
            "tls_1_0_cipher_suites", TlsVersion.TLSv1_0, "tls_1_1_cipher_suites", TlsVersion.TLSv1_1,
            "tls_1_2_cipher_suites", TlsVersion.TLSv1_2, "tls_1_3_cipher_suites", TlsVersion.TLSv1_3);

    @Override
    public String format() {
        return "sslyze";
    }

    @Override
    public boolean accepts(String head) {
        return head.startsWith("{") && head.contains("\"server_scan_results\"")
                && (head.contains("sslyze") || head.contains("\"scan_result\"") || head.contains("\"scan_commands"));
    }

    /** One command's outcome: its result when it completed, else null with the reason. */
    private record Attempt(JsonNode result, String problem) {
    }

    @Override
    public List<EndpointFacts> read(byte[] content, String label) throws FactsFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new FactsFormatException(label + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FactsFormatException(label + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.path("server_scan_results").isArray()) {
            throw new FactsFormatException(label + ": no server_scan_results array (not sslyze --json_out output)");
        }
        String version = text(root.path("sslyze_version"));
        List<EndpointFacts> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode server : root.path("server_scan_results")) {
            EndpointFacts e = server(server, version, label, skipped);
            if (e != null) {
                out.add(e);
            }
        }
        for (JsonNode err : root.path("server_connectivity_errors")) {
            skipped.add(text(err.path("server_string")) + ": " + text(err.path("error_message")));
        }
        for (JsonNode err : root.path("invalid_server_strings")) {
            skipped.add(text(err.path("server_string")) + ": " + text(err.path("error_message")));
        }
        if (out.isEmpty()) {
            throw new FactsFormatException(label + ": sslyze scanned no server"
                    + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
        }
        return out;
    }

    private static EndpointFacts server(JsonNode server, String version, String label, List<String> skipped)
            throws FactsFormatException {
        boolean modern = server.has("scan_result");
        JsonNode location = modern ? server.path("server_location") : server.path("server_info").path("server_location");
        JsonNode network = modern ? server.path("network_configuration") : server.path("server_info").path("network_configuration");
        JsonNode probing = modern ? server.path("connectivity_result") : server.path("server_info").path("tls_probing_result");
        String hostname = text(location.path("hostname"));
        String ip = text(location.path("ip_address"));
        int port = location.path("port").asInt(-1);
        String host = hostname != null ? hostname : ip;
        if (host == null || port < 1 || port > 65535) {
            throw new FactsFormatException(label + ": a server_scan_results entry without hostname or port");
        }
        if (modern && !"COMPLETED".equals(text(server.path("scan_status")))) {
            // sslyze could not reach or scan the server: the endpoint is kept with nothing collected,
            // so every criterion on it is inconclusive rather than the endpoint silently missing.
            return new FactsBuilder(Endpoint.of(host, Addresses.isLiteral(ip) ? ip : null, port, null, null), "sslyze",
                    label + " (" + text(server.path("scan_status")) + ": "
                            + firstLine(text(server.path("connectivity_error_trace"))) + ")").build();
        }
        String starttls = text(network.path("tls_opportunistic_encryption"));
        Service service = starttlsService(starttls, port);
        Transport transport = starttls == null ? null : Transport.STARTTLS;
        if (starttls == null && service == null && Service.forPort(port).defaultTransport() == Transport.STARTTLS) {
            // No STARTTLS asked for on a STARTTLS port: sslyze spoke TLS from the first byte.
            transport = Transport.IMPLICIT;
        }
        FactsBuilder b = new FactsBuilder(Endpoint.of(host, Addresses.isLiteral(ip) ? ip : null, port, service, transport),
                "sslyze", label);
        for (Map.Entry<String, TlsVersion> e : SUITE_COMMANDS.entrySet()) {
            Attempt a = attempt(server, modern, e.getKey());
            if (a.result() != null) {
                suites(e.getValue(), a.result(), b);
            }
        }
        certificates(attempt(server, modern, "certificate_info"), b);
        curves(attempt(server, modern, "elliptic_curves"), probing, b);
        tests(server, modern, b);
        return b.build();
    }

    private static void suites(TlsVersion v, JsonNode r, FactsBuilder b) {
        JsonNode accepted = r.path("accepted_cipher_suites");
        boolean supported = r.has("is_tls_version_supported") ? r.path("is_tls_version_supported").asBoolean()
                : accepted.size() > 0;
        b.protocol(v, supported ? Support.OFFERED : Support.NOT_OFFERED,
                "is_tls_version_supported: " + supported + ", " + accepted.size() + " accepted");
        if (accepted.size() == 0) {
            // Supported with no accepted suite listed says nothing about which suites: not collected.
            if (!supported) {
                b.ciphersCollected(v);
            }
            return;
        }
        b.ciphersCollected(v);
        for (JsonNode a : accepted) {
            JsonNode cs = a.path("cipher_suite");
            String name = text(cs.path("name"));
            String openssl = text(cs.path("openssl_name"));
            if (name == null && openssl == null) {
                continue;
            }
            CipherSuite known = (name == null ? null : CipherRegistry.standard().lookup(name).orElse(null));
            if (known == null && openssl != null) {
                known = CipherRegistry.standard().lookup(openssl).orElse(null);
            }
            JsonNode key = a.path("ephemeral_key");
            Integer dhBits = null;
            String group = null;
            String type = text(key.path("type_name"));
            if (type == null && key.has("curve_name")) {
                type = "ECDH";
            } else if (type == null && key.has("prime")) {
                type = "DH";
            }
            if ("DH".equals(type)) {
                dhBits = key.path("size").isInt() ? key.path("size").asInt() : null;
            } else if (type != null) {
                group = Groups.normalize(text(key.path("curve_name")));
            }
            b.cipher(v, new CipherEntry(known != null ? known.iana() : name, openssl, null, dhBits, group, null,
                    b.provenance(v.label() + " accepted " + (name != null ? name : openssl)
                            + (type == null ? "" : " " + type + " " + key.path("size").asText("")))));
        }
    }

    private static void certificates(Attempt a, FactsBuilder b) {
        if (a.result() == null) {
            return;
        }
        JsonNode deployments = a.result().path("certificate_deployments");
        if (!deployments.isArray() || deployments.isEmpty()) {
            return;
        }
        // The first deployment is the one the default hello gets; others (an ECDSA and an RSA chain) are alternatives.
        JsonNode d = deployments.get(0);
        TriState hostname = tri(d.path("leaf_certificate_subject_matches_hostname"));
        TriState trusted = trust(d.path("path_validation_results"));
        int position = 0;
        for (JsonNode c : d.path("received_certificate_chain")) {
            // 5.x+ snake_case (public_key, not_valid_after); 3.x/4.x camelCase (publicKey, notAfter).
            JsonNode pk = c.has("public_key") ? c.path("public_key") : c.path("publicKey");
            String keyType = keyType(text(pk.path("algorithm")));
            String curve = Groups.normalize(text(pk.has("ec_curve_name") ? pk.path("ec_curve_name") : pk.path("curve")));
            JsonNode size = pk.has("key_size") ? pk.path("key_size") : pk.path("size");
            Integer bits = size.isInt() ? size.asInt() : null;
            List<String> sans = new ArrayList<>();
            // 6.x: dns_names; 5.x: dns; 3.x/4.x: subjectAlternativeName.DNS.
            JsonNode san = c.has("subject_alternative_name") ? c.path("subject_alternative_name") : c.path("subjectAlternativeName");
            (san.has("dns_names") ? san.path("dns_names") : san.has("dns") ? san.path("dns") : san.path("DNS"))
                    .forEach(n -> sans.add(n.asText()));
            String sig = text(c.path("signature_algorithm_oid").path("name"));
            if (sig == null) {
                sig = text(c.path("signature_hash_algorithm").path("name"));
            }
            if (sig == null) {
                sig = text(c.path("signatureAlgorithm"));
            }
            String notBefore = text(c.has("not_valid_before") ? c.path("not_valid_before") : c.path("notBefore"));
            String notAfter = text(c.has("not_valid_after") ? c.path("not_valid_after") : c.path("notAfter"));
            b.certificate(new Certificate(position, name(c.path("subject")), sans, name(c.path("issuer")), keyType, bits, curve, sig,
                    CertificateText.parseDate(notBefore), CertificateText.parseDate(notAfter),
                    position == 0 ? trusted : TriState.UNKNOWN,
                    // 6.x dropped leaf_certificate_subject_matches_hostname: match the names ourselves.
                    position != 0 ? TriState.UNKNOWN : hostname != TriState.UNKNOWN ? hostname
                            : CertificateText.matches(b.endpoint().host(), sans),
                    b.provenance("certificate_deployments[0].received_certificate_chain[" + position + "]")));
            position++;
        }
    }

    /** Trusted when every trust store sslyze tried validated the chain, not trusted when none did. */
    private static TriState trust(JsonNode results) {
        int ok = 0;
        int failed = 0;
        for (JsonNode r : results) {
            JsonNode v = r.has("was_validation_successful") ? r.path("was_validation_successful") : r.path("is_certificate_trusted");
            if (v.isBoolean()) {
                if (v.asBoolean()) {
                    ok++;
                } else {
                    failed++;
                }
            }
        }
        if (ok > 0 && failed == 0) {
            return TriState.YES;
        }
        return ok == 0 && failed > 0 ? TriState.NO : TriState.UNKNOWN;
    }

    /**
     * sslyze offers each curve in the hello of the highest version the server supports and lists
     * the accepted ones; they are recorded under that version.
     */
    private static void curves(Attempt a, JsonNode probing, FactsBuilder b) {
        if (a.result() == null) {
            return;
        }
        TlsVersion v = version(text(probing.path("highest_tls_version_supported")));
        if (v == null) {
            return;
        }
        JsonNode supported = a.result().path("supported_curves");
        if (supported.isArray()) {
            for (JsonNode c : supported) {
                b.group(v, Groups.normalize(text(c.path("name"))), "elliptic_curves.supported_curves " + text(c.path("name")));
            }
            if (supported.isEmpty()) {
                b.group(v, null, "elliptic_curves: none supported");
            }
        } else if (a.result().path("supports_ecdh_key_exchange").isBoolean() && !a.result().path("supports_ecdh_key_exchange").asBoolean()) {
            b.group(v, null, "elliptic_curves: supports_ecdh_key_exchange false");
        }
    }

    private static void tests(JsonNode server, boolean modern, FactsBuilder b) {
        Attempt hb = attempt(server, modern, "heartbleed");
        vuln(b, "HEARTBLEED", hb, "is_vulnerable_to_heartbleed", true);
        vuln(b, "CCS", attempt(server, modern, "openssl_ccs_injection"), "is_vulnerable_to_ccs_injection", true);
        Attempt robot = attempt(server, modern, "robot");
        if (robot.result() != null) {
            String r = text(robot.result().path("robot_result"));
            VulnStatus s = r == null ? VulnStatus.UNKNOWN : r.startsWith("VULNERABLE") ? VulnStatus.VULNERABLE
                    : r.startsWith("NOT_VULNERABLE") ? VulnStatus.NOT_VULNERABLE : VulnStatus.UNKNOWN;
            b.vulnerability("ROBOT", s, r, "robot_result: " + r);
        } else if (robot.problem() != null) {
            b.vulnerability("ROBOT", VulnStatus.UNKNOWN, robot.problem(), "robot: " + robot.problem());
        }
        Attempt reneg = attempt(server, modern, "session_renegotiation");
        if (reneg.result() != null) {
            JsonNode r = reneg.result();
            TriState secure = tri(r.path("supports_secure_renegotiation"));
            if (secure != TriState.UNKNOWN) {
                b.feature("secureRenegotiation", secure, "supports_secure_renegotiation: " + (secure == TriState.YES));
                b.vulnerability("SECURE_RENEGO", secure == TriState.YES ? VulnStatus.NOT_VULNERABLE : VulnStatus.VULNERABLE,
                        null, "supports_secure_renegotiation: " + (secure == TriState.YES));
            }
            // 5.x+: is_vulnerable_to_client_renegotiation_dos; 3.x/4.x: accepts_client_renegotiation.
            JsonNode dos = r.has("is_vulnerable_to_client_renegotiation_dos") ? r.path("is_vulnerable_to_client_renegotiation_dos")
                    : r.path("accepts_client_renegotiation");
            if (dos.isBoolean()) {
                b.vulnerability("SECURE_CLIENT_RENEGO", dos.asBoolean() ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE, null,
                        "client-initiated renegotiation: " + dos.asBoolean());
            }
        } else {
            unknown(b, reneg, "SECURE_RENEGO");
        }
        Attempt compression = attempt(server, modern, "tls_compression");
        if (compression.result() != null && compression.result().path("supports_compression").isBoolean()) {
            boolean on = compression.result().path("supports_compression").asBoolean();
            b.feature("compression", on ? TriState.YES : TriState.NO, "supports_compression: " + on);
            b.vulnerability("CRIME_TLS", on ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE, null, "supports_compression: " + on);
        } else {
            unknown(b, compression, "CRIME_TLS");
        }
        Attempt fallback = attempt(server, modern, "tls_fallback_scsv");
        if (fallback.result() != null && fallback.result().path("supports_fallback_scsv").isBoolean()) {
            boolean on = fallback.result().path("supports_fallback_scsv").asBoolean();
            b.feature("fallbackScsv", on ? TriState.YES : TriState.NO, "supports_fallback_scsv: " + on);
            b.vulnerability("FALLBACK_SCSV", on ? VulnStatus.NOT_VULNERABLE : VulnStatus.VULNERABLE, null, "supports_fallback_scsv: " + on);
        } else {
            unknown(b, fallback, "FALLBACK_SCSV");
        }
        Attempt early = attempt(server, modern, "tls_1_3_early_data");
        if (early.result() != null && early.result().path("supports_early_data").isBoolean()) {
            boolean on = early.result().path("supports_early_data").asBoolean();
            b.feature("earlyData", on ? TriState.YES : TriState.NO, "supports_early_data: " + on);
        }
        Attempt ems = attempt(server, modern, "tls_extended_master_secret");
        if (ems.result() != null && ems.result().path("supports_ems_extension").isBoolean()) {
            boolean on = ems.result().path("supports_ems_extension").asBoolean();
            b.feature("extendedMasterSecret", on ? TriState.YES : TriState.NO, "supports_ems_extension: " + on);
        }
    }

    private static void vuln(FactsBuilder b, String name, Attempt a, String field, boolean trueIsVulnerable) {
        if (a.result() != null && a.result().path(field).isBoolean()) {
            boolean v = a.result().path(field).asBoolean() == trueIsVulnerable;
            b.vulnerability(name, v ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE, null, field + ": " + a.result().path(field).asBoolean());
        } else {
            unknown(b, a, name);
        }
    }

    /** A scheduled test that errored is an unknown finding; one never scheduled is simply not collected. */
    private static void unknown(FactsBuilder b, Attempt a, String name) {
        if (a.problem() != null && !a.problem().startsWith("NOT_SCHEDULED")) {
            b.vulnerability(name, VulnStatus.UNKNOWN, a.problem(), a.problem());
        }
    }

    private static Attempt attempt(JsonNode server, boolean modern, String command) {
        if (modern) {
            JsonNode c = server.path("scan_result").path(command);
            if (c.isMissingNode() || c.isNull()) {
                return new Attempt(null, "NOT_SCHEDULED");
            }
            String status = text(c.path("status"));
            if ("COMPLETED".equals(status) && c.path("result").isObject()) {
                return new Attempt(c.path("result"), null);
            }
            String reason = text(c.path("error_reason"));
            return new Attempt(null, (status == null ? "NO_STATUS" : status) + (reason == null ? "" : " " + reason));
        }
        JsonNode error = server.path("scan_commands_errors").path(command);
        if (!error.isMissingNode() && !error.isNull()) {
            return new Attempt(null, "ERROR " + text(error.path("reason")));
        }
        JsonNode r = server.path("scan_commands_results").path(command);
        return r.isObject() ? new Attempt(r, null) : new Attempt(null, "NOT_SCHEDULED");
    }

    private static Service starttlsService(String protocol, int port) {
        if (protocol == null) {
            return null;
        }
        return switch (Starttls.parse(protocol).orElse(Starttls.NONE)) {
            case SMTP -> Service.forPort(port) == Service.SUBMISSION ? Service.SUBMISSION : Service.SMTP;
            case IMAP -> Service.IMAP;
            case POP3 -> Service.POP3;
            default -> Service.OTHER;
        };
    }

    private static String keyType(String algorithm) {
        if (algorithm == null) {
            return null;
        }
        String a = algorithm.replace("_", "").toUpperCase(Locale.ROOT);
        if (a.startsWith("RSA")) {
            return "RSA";
        }
        if (a.startsWith("ELLIPTICCURVE") || a.startsWith("EC")) {
            return "ECDSA";
        }
        if (a.startsWith("DSA")) {
            return "DSA";
        }
        if (a.startsWith("ED25519")) {
            return "Ed25519";
        }
        return algorithm;
    }

    /** "TLS_1_2", "SSL_3_0" as sslyze spells them. */
    private static TlsVersion version(String text) {
        return text == null ? null : TlsVersion.parse(text.replaceFirst("_", "")).orElse(null);
    }

    private static String name(JsonNode x509Name) {
        return text(x509Name.path("rfc4514_string"));
    }

    private static TriState tri(JsonNode n) {
        return n.isBoolean() ? (n.asBoolean() ? TriState.YES : TriState.NO) : TriState.UNKNOWN;
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().filter(l -> !l.isBlank()).reduce((x, y) -> y).orElse("");
    }
}
