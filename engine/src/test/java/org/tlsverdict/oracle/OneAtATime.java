package org.tlsverdict.oracle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.Verdict;

/**
 * What the comparisons with an authority's tables share: one item (a suite, a group, a version, a
 * certificate) at a time on an otherwise conforming endpoint, written as a facts file and judged
 * for one criterion.
 */
final class OneAtATime {

    /** Inside the validity of the certificates the comparisons write. */
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private OneAtATime() {
    }

    /** The registry's suites that a server can accept in TLS 1.2 or 1.3 (no signalling values, no SSLv2 kinds). */
    static List<CipherSuite> suites() {
        return CipherRegistry.standard().all().stream()
                .filter(s -> !s.iana().contains("_SCSV") && (tls13(s) || s.iana().contains("_WITH_"))).toList();
    }

    static boolean tls13(CipherSuite s) {
        return s.iana().startsWith("TLS_AES_") || s.iana().startsWith("TLS_CHACHA20_");
    }

    /** Only {@code offered} is offered, every other version was tested and refused. */
    static String protocols(String offered) {
        StringBuilder sb = new StringBuilder("    protocols: {SSLv2: not-offered");
        for (String v : List.of("SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
            sb.append(", ").append(v).append(": ").append(v.equals(offered) ? "offered" : "not-offered");
        }
        return sb.append("}\n").toString();
    }

    /** The status {@code criterion} gives the endpoint {@code host}:443 described by {@code body}; "missing" when it gives none. */
    static String status(Evaluator evaluator, String host, String label, String criterion, String body) {
        String yaml = "schema: tlsverdict/facts/v1\nendpoints:\n  - endpoint: {host: " + host + ", port: 443}\n" + body;
        try {
            var doc = InputReader.parse(yaml.getBytes(StandardCharsets.UTF_8), label, InputReader.FACTS);
            return evaluator.evaluate(doc.endpoints().get(0), label).verdicts().stream()
                    .filter(v -> v.criterion().equals(criterion)).map(Verdict::status).map(Enum::name).findFirst().orElse("missing");
        } catch (Exception e) {
            throw new AssertionError(label + ": " + e.getMessage(), e);
        }
    }
}
