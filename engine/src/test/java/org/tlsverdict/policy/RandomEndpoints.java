package org.tlsverdict.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;

/**
 * Facts documents with endpoints drawn at random from a space wide enough to reach most rules:
 * every version offered, not offered or not collected; strong, weak, export, anonymous and unknown
 * suites in random order, DHE sizes and groups, accepted groups per version; either preference; vulnerabilities, certificates
 * and features present or not. Seeded, so a failure can be replayed.
 */
final class RandomEndpoints {

    private static final String[] VERSIONS = {"SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
    private static final String[] SUITES = {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "TLS_DH_anon_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_NULL_SHA256", "TLS_NOT_A_REAL_SUITE"};
    private static final String[] SUITES_13 = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
            "TLS_AES_128_CCM_8_SHA256"};
    private static final String[] GROUPS = {"ffdhe2048", "ffdhe3072", "custom-1024", "x25519"};
    private static final String[] ACCEPTED_GROUPS = {"x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048", "X25519MLKEM768", "secp192r1"};
    private static final String[] VULNS = {"HEARTBLEED", "LOGJAM", "ROBOT", "SWEET32", "POODLE_SSL", "CCS", "DROWN"};
    private static final String[] STATUSES = {"vulnerable", "not-vulnerable", "unknown"};
    private static final int[] PORTS = {25, 587, 465, 143, 993, 110, 995, 443};

    private RandomEndpoints() {
    }

    static FactsDocument document(long seed, int count, List<String> hosts) throws Exception {
        Random rnd = new Random(seed);
        ObjectNode root = FactsCodec.json().createObjectNode();
        root.put("schema", FactsDocument.SCHEMA);
        ArrayNode eps = root.putArray("endpoints");
        for (int i = 0; i < count; i++) {
            endpoint(rnd, eps.addObject(), hosts.isEmpty() ? "random" + i + ".test" : hosts.get(rnd.nextInt(hosts.size())));
        }
        return FactsCodec.read(new java.io.ByteArrayInputStream(FactsCodec.json().writeValueAsBytes(root)), "random-" + seed + ".json");
    }

    private static void endpoint(Random rnd, ObjectNode e, String host) {
        e.putObject("endpoint").put("host", host).put("port", PORTS[rnd.nextInt(PORTS.length)]);
        ObjectNode protocols = e.putObject("protocols");
        ObjectNode ciphers = e.putObject("ciphers");
        ObjectNode preference = e.putObject("serverPreference");
        for (String v : VERSIONS) {
            int r = rnd.nextInt(10);
            if (r == 0) {
                continue;
            }
            boolean offered = v.startsWith("SSL") ? r == 1 : r > 3;
            protocols.put(v, offered ? "offered" : "not-offered");
            if (!offered || v.equals("SSLv2") || rnd.nextInt(8) == 0) {
                continue;
            }
            ArrayNode list = ciphers.putArray(v);
            List<String> pool = new ArrayList<>(List.of(v.equals("TLSv1.3") ? SUITES_13 : SUITES));
            int n = 1 + rnd.nextInt(Math.min(5, pool.size()));
            for (int s = 0; s < n; s++) {
                String suite = pool.remove(rnd.nextInt(pool.size()));
                ObjectNode c = list.addObject().put("iana", suite);
                if (suite.contains("_DHE_") && rnd.nextInt(4) > 0) {
                    c.put("dhBits", rnd.nextBoolean() ? 2048 : 1024);
                    if (rnd.nextBoolean()) {
                        c.put("group", GROUPS[rnd.nextInt(GROUPS.length)]);
                    }
                }
            }
            if (rnd.nextInt(5) > 0) {
                preference.put(v, rnd.nextBoolean() ? "server" : "client");
            }
        }
        if (rnd.nextBoolean()) {
            ArrayNode vulns = e.putArray("vulnerabilities");
            for (String name : VULNS) {
                if (rnd.nextInt(3) > 0) {
                    vulns.addObject().put("name", name).put("status", STATUSES[rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 1]);
                }
            }
        }
        if (rnd.nextInt(3) > 0) {
            ArrayNode chain = e.putArray("certificates");
            ObjectNode leaf = chain.addObject().put("position", 0).put("subject", "CN=" + host)
                    .put("keyType", rnd.nextBoolean() ? "RSA" : "EC").put("keyBits", rnd.nextBoolean() ? 2048 : 1024)
                    .put("signatureAlgorithm", rnd.nextInt(4) == 0 ? "sha1WithRSAEncryption" : "sha256WithRSAEncryption")
                    .put("notBefore", rnd.nextInt(6) == 0 ? "2027-06-01T00:00:00Z" : "2025-01-01T00:00:00Z")
                    .put("notAfter", rnd.nextInt(6) == 0 ? "2026-01-01T00:00:00Z" : "2028-01-01T00:00:00Z")
                    .put("trusted", STATUS3[rnd.nextInt(3)]).put("hostnameMatch", STATUS3[rnd.nextInt(3)]);
            leaf.putArray("subjectAltNames").add(host);
            if (rnd.nextBoolean()) {
                chain.addObject().put("position", 1).put("subject", "CN=intermediate").put("keyType", "RSA").put("keyBits", 4096);
            }
        }
        if (rnd.nextBoolean()) {
            // Accepted groups of some versions (scan --groups), so GroupFact and Complete(GROUPS) vary.
            ObjectNode groups = e.putObject("groups");
            for (String v : new String[] {"TLSv1.2", "TLSv1.3"}) {
                if (rnd.nextInt(3) > 0) {
                    ArrayNode list = groups.putArray(v);
                    for (String g : ACCEPTED_GROUPS) {
                        if (rnd.nextInt(3) == 0) {
                            list.add(g);
                        }
                    }
                }
            }
        }
        if (rnd.nextBoolean()) {
            e.putObject("features").put("secureRenegotiation", STATUS3[rnd.nextInt(3)]).put("compression", STATUS3[rnd.nextInt(3)]);
        }
    }

    private static final String[] STATUS3 = {"yes", "no", "unknown"};
}
