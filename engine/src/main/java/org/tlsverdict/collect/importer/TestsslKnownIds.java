package org.tlsverdict.collect.importer;

import java.util.List;
import java.util.Locale;

/**
 * testssl.sh finding ids this importer understands without turning them into facts (HTTP headers,
 * client simulation, ratings, certificate details, cipher categories ...). A finding outside these
 * and outside the ids mapped to facts is not understood; when it sounds like a vulnerability it is
 * kept as one, named {@value #UNRECOGNISED}&lt;id&gt;, so that no vulnerability criterion passes over it.
 */
final class TestsslKnownIds {

    static final String UNRECOGNISED = "UNRECOGNISED:";

    /** Lower-case prefixes of ids whose findings are understood and are not vulnerability tests. */
    private static final List<String> PREFIXES = List.of(
            "service", "pre_128cipher", "npn", "alpn", "spdy_npn", "https_alpn", "quic", "cipherlist_", "cipher-", "cipher_",
            "cipherorder_", "supportedciphers_", "prioritize_chacha_", "protocol_negotiated", "optimal_proto", "fs", "pfs",
            "ecdhe_curves", "dh_groups", "tls_", "tls12_", "tls13_", "ssl_sessionid_support", "sessionresumption_", "certificate_",
            "clientauth", "cert", "intermediate_cert", "ocsp_", "dns_", "caa", "insecure_redirect", "http_", "hsts", "hpkp",
            "banner_", "cookie_", "x-", "content-security-policy", "cross-origin-", "referrer-policy", "permissions-policy",
            "feature-policy", "expect-ct", "cache-control", "pragma", "strict-transport", "clientsimulation-", "overall_grade",
            "final_score", "grade_cap_", "protocol_support_score", "key_exchange_score", "cipher_strength_score", "scantime",
            "scanproblem", "engine_problem", "drown_hint", "logjam-common_primes", "logjam_common", "beast_cbc_", "cbc_",
            "old_fart", "pwnedkeys", "rating_");

    private TestsslKnownIds() {
    }

    static boolean known(String id) {
        String l = id.toLowerCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(l::startsWith);
    }

    /** An id not understood whose severity or wording says "vulnerable". */
    static boolean unrecognisedAlarm(String id, String severity, String text) {
        if (known(id)) {
            return false;
        }
        String t = text.toUpperCase(Locale.ROOT);
        return severity.equals("HIGH") || severity.equals("CRITICAL")
                || (t.contains("VULNERABLE") && !t.contains("NOT VULNERABLE"));
    }
}
