package org.tlsverdict.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.VulnStatus;

/**
 * The findings of one testssl.sh target and their mapping to facts. Version differences handled:
 * 2.9dev's lower-case ids ({@code sslv2}, {@code tls1}, {@code ccs}, {@code poodle_ssl}) and
 * "TLSv1.0 is offered" wording; the default run before 3.2, whose {@code cipher_x<hex>} findings name
 * no version (kept as {@link org.tlsverdict.facts.VersionNotStated}, and put under a version where
 * {@code cipherorder_<proto>} lists them for it); curves, DH groups and KEMs named once for the
 * endpoint ({@code FS_ECDHE_curves}, {@code ECDHE_curves}, {@code DH_groups}, {@code FS_KEMs});
 * 3.0's PFS ids and single cipher_order verdict, 3.2's per-protocol cipher_order-&lt;proto&gt;;
 * "TLS 1.2" vs "TLSv1.2" in finding text; per-protocol suites from cipher-&lt;proto&gt;_x&lt;hex&gt;
 * (3.2 default run, 3.0 with -E), put in server order from cipherorder_&lt;proto&gt; where the server
 * has one; the DHE size from each suite's key-exchange column (never DH_groups); duplicate ids
 * (two LOGJAM) merged; "&lt;hostCert#N&gt;" (2.9dev: "&lt;cert#N&gt;") suffixes; WARN/FATAL findings and scanProblem leave the
 * fact unknown.
 */
final class TestsslFindings {

    /** Ids renamed between testssl.sh versions, old -> current. */
    static final Map<String, String> RENAMED = Map.of(
            "PFS", "FS", "PFS_ciphers", "FS_ciphers", "PFS_ECDHE_curves", "FS_ECDHE_curves",
            "cipherlist_AVERAGE", "cipherlist_OBSOLETED", "cipherlist_GOOD", "cipherlist_STRONG_NOFS",
            "cipherlist_STRONG", "cipherlist_STRONG_FS");

    static final Set<String> VULNERABILITIES = Set.of("heartbleed", "CCS", "ticketbleed", "ROBOT", "secure_renego",
            "secure_client_renego", "CRIME_TLS", "BREACH", "POODLE_SSL", "fallback_SCSV", "SWEET32", "FREAK", "DROWN",
            "LOGJAM", "BEAST", "LUCKY13", "winshock", "RC4", "starttls_injection", "opossum");

    /** Upper-cased ids: 2.9dev wrote them in lower case. */
    private static final Map<String, TlsVersion> PROTOCOL_IDS = Map.of(
            "SSLV2", TlsVersion.SSLv2, "SSLV3", TlsVersion.SSLv3, "TLS1", TlsVersion.TLSv1_0,
            "TLS1_1", TlsVersion.TLSv1_1, "TLS1_2", TlsVersion.TLSv1_2, "TLS1_3", TlsVersion.TLSv1_3);

    /** Vulnerability ids by their lower-case spelling, with 2.9dev's other names. */
    private static final Map<String, String> VULNERABILITY_IDS = vulnerabilityIds();

    /** Ids naming the groups the server accepts, once for the endpoint. */
    private static final Set<String> GROUP_IDS = Set.of("FS_ECDHE_curves", "ECDHE_curves", "DH_groups", "FS_KEMs");

    private static final Pattern UNSTATED_CIPHER_ID = Pattern.compile("^cipher_x([0-9a-fA-F]+)$");
    private static final Pattern PROTOCOL_PREFIX = Pattern.compile("^(?:(?:SSLv\\d|TLSv1(?:\\.\\d)?|TLS 1\\.\\d)\\s*:?\\s+)?(?:is\\s+)?");

    private static final Pattern CIPHER_ID = Pattern.compile("^cipher-(ssl2|ssl3|tls1|tls1_1|tls1_2|tls1_3)_x([0-9a-fA-F]+)$");
    private static final Pattern HOST_CERT = Pattern.compile("^(.*?)\\s*<(?:hostCert|cert)#(\\d+)>$");
    /** "[TLS 1.2|TLSv1.2]   xc030   ECDHE-RSA-AES256-GCM-SHA384   ECDH 253   AESGCM   256   TLS_ECDHE_..." */
    private static final Pattern CIPHER_LINE = Pattern.compile(
            "^(?:(?:TLS ?v?1(?:\\.\\d)?|SSLv\\d)\\s+)?x([0-9a-fA-F]+)\\s+(\\S+)\\s+(RSA|DH|ECDH|[A-Za-z]+(?:/[A-Za-z]+)?)(?:\\s+(\\d+))?\\s+\\S+\\s+\\d+(?:\\s+(\\S+))?");
    /** 2.9dev: "2048 bits" (type not stated), "256 EC bits". */
    private static final Pattern OLD_KEY_SIZE = Pattern.compile("^(\\d+)\\s+(EC\\s+)?bits");
    private static final Pattern KEY_SIZE = Pattern.compile("^(\\S+)\\s+(\\d+)\\s*bits(?:.*curve\\s+([\\w-]+))?");

    private final String label;
    private final String host;
    private final String ip;
    private final int port;
    private final List<JsonNode> findings = new ArrayList<>();

    private TestsslFindings(String label, String host, String ip, int port) {
        this.label = label;
        this.host = host;
        this.ip = ip;
        this.port = port;
    }

    /** {@code ip} is testssl.sh's "NODE/NODEIP" (or a bare address). */
    static TestsslFindings forTarget(String nodeAndIp, String port, String label) {
        String node = nodeAndIp;
        String ip = nodeAndIp;
        int slash = nodeAndIp.indexOf('/');
        if (slash >= 0) {
            node = nodeAndIp.substring(0, slash);
            ip = nodeAndIp.substring(slash + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            p = 0;
        }
        return new TestsslFindings(label, node.isEmpty() ? ip : node, ip, p);
    }

    void add(JsonNode finding) {
        findings.add(finding);
    }

    /** The CAA answer testssl.sh found for the scanned host name, as domain facts (first finding wins). */
    java.util.Optional<org.tlsverdict.facts.DomainFacts> caaDomain() {
        for (JsonNode f : findings) {
            String id = f.path("id").asText();
            Matcher hc = HOST_CERT.matcher(id);
            if (hc.matches()) {
                id = hc.group(1);
            }
            if (TestsslCaa.ID.equals(id)) {
                String severity = f.path("severity").asText("");
                String text = f.path("finding").asText("").trim();
                return TestsslCaa.of(host, severity, text, abbreviate("id=" + f.path("id").asText() + " severity=" + severity
                        + " finding=" + text), label);
            }
        }
        return java.util.Optional.empty();
    }

    EndpointFacts toFacts() throws org.tlsverdict.facts.FactsFormatException {
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new org.tlsverdict.facts.FactsFormatException(label + ": finding without a usable target (ip '" + ip + "', port " + port + ")");
        }
        FactsBuilder b = new FactsBuilder(Endpoint.of(host, ip, port, null, null), "testssl", label);
        Map<TlsVersion, List<String>> serverOrder = new EnumMap<>(TlsVersion.class);
        Map<TlsVersion, Preference> perVersion = new EnumMap<>(TlsVersion.class);
        Preference overall = null;
        String overallRaw = null;
        Cert cert = new Cert();
        for (JsonNode f : findings) {
            String id = f.path("id").asText();
            String severity = f.path("severity").asText("");
            String text = f.path("finding").asText("").trim();
            String raw = abbreviate("id=" + id + " severity=" + severity + " finding=" + text);
            int certIndex = 1;
            Matcher hc = HOST_CERT.matcher(id);
            if (hc.matches()) {
                id = hc.group(1);
                certIndex = Integer.parseInt(hc.group(2));
            }
            id = RENAMED.getOrDefault(id, id);
            boolean problem = severity.equals("WARN") || severity.equals("FATAL") || id.equals("scanProblem");
            TlsVersion protocol = PROTOCOL_IDS.get(id.toUpperCase(Locale.ROOT));
            if (protocol != null) {
                b.protocol(protocol, problem ? Support.UNKNOWN : support(text), raw);
                continue;
            }
            if (problem) {
                continue;
            }
            Matcher cm = CIPHER_ID.matcher(id);
            Matcher um = UNSTATED_CIPHER_ID.matcher(id);
            String vulnerability = VULNERABILITY_IDS.get(id.toLowerCase(Locale.ROOT));
            if (cm.matches()) {
                TlsVersion v = versionOf(cm.group(1));
                b.cipher(v, cipher(cm.group(2), text, b.provenance(raw)));
            } else if (um.matches()) {
                b.unstatedCipher(cipher(um.group(1), text, b.provenance(raw)));
            } else if (id.startsWith("cipherorder_")) {
                TlsVersion.parse(id.substring("cipherorder_".length())).ifPresent(v ->
                        serverOrder.put(v, Arrays.asList(text.split("\\s+"))));
            } else if (id.startsWith("cipher_order-")) {
                TlsVersion v = versionOf(id.substring("cipher_order-".length()));
                if (v != null) {
                    perVersion.put(v, preference(text));
                    b.preference(v, preference(text), raw);
                }
            } else if (id.equals("cipher_order")) {
                overall = preference(text);
                overallRaw = raw;
            } else if (id.startsWith("cert_") && certIndex == 1) {
                cert.read(id, text, raw);
            } else if (GROUP_IDS.contains(id)) {
                for (String name : text.split("\\s+")) {
                    String g = groupName(id, name);
                    if (g != null) {
                        b.unstatedGroup(g, raw);
                    }
                }
            } else if (vulnerability != null) {
                b.vulnerability(vulnerability.toUpperCase(Locale.ROOT), vulnerability(severity, text), text, raw);
            } else if (TestsslKnownIds.unrecognisedAlarm(id, severity, text)) {
                // Never a PASS from what was not understood: the vulnerability criteria see it.
                b.vulnerability(TestsslKnownIds.UNRECOGNISED + id, text.toUpperCase(Locale.ROOT).contains("VULNERABLE")
                        && !text.toLowerCase(Locale.ROOT).contains("not vulnerable") ? VulnStatus.VULNERABLE : VulnStatus.UNKNOWN,
                        severity + ": " + text, raw);
            }
        }
        placeUnstatedSuites(b, serverOrder);
        // 3.0.x gives one verdict for the versions up to TLS 1.2; TLS 1.3 preference stays unknown.
        if (overall != null && perVersion.isEmpty()) {
            for (TlsVersion v : TlsVersion.values()) {
                if (v != TlsVersion.TLSv1_3 && v != TlsVersion.SSLv2 && b.ciphers(v) != null) {
                    b.preference(v, overall, overallRaw);
                    perVersion.put(v, overall);
                }
            }
        }
        applyServerOrder(b, serverOrder, perVersion);
        cert.addTo(b);
        return b.build();
    }

    /**
     * The default run before 3.2 names no version per suite, but where the server keeps an order
     * {@code cipherorder_<proto>} lists, per version, the suites it accepts on it.
     */
    private static void placeUnstatedSuites(FactsBuilder b, Map<TlsVersion, List<String>> order) {
        List<CipherEntry> unstated = b.unstatedCiphers();
        if (unstated == null) {
            return;
        }
        order.forEach((v, names) -> {
            if (b.ciphers(v) != null) {
                return;
            }
            b.ciphersCollected(v);
            for (String name : names) {
                unstated.stream().filter(e -> name.equals(e.openssl()) || name.equals(e.iana())).findFirst()
                        .ifPresent(e -> b.cipher(v, e));
            }
        });
    }

    /** ffdhe names from DH_groups (3.0 also puts a prime's origin there, which is not a group); every curve or KEM name. */
    private static String groupName(String id, String token) {
        if (token.isBlank()) {
            return null;
        }
        if (id.equals("DH_groups")) {
            return token.toLowerCase(Locale.ROOT).matches("ffdhe\\d+") ? token.toLowerCase(Locale.ROOT) : null;
        }
        return Groups.normalize(token);
    }

    private static Map<String, String> vulnerabilityIds() {
        Map<String, String> out = new java.util.HashMap<>();
        VULNERABILITIES.forEach(v -> out.put(v.toLowerCase(Locale.ROOT), v));
        out.put("sec_client_renego", "secure_client_renego");
        out.put("crime", "CRIME_TLS");
        return Map.copyOf(out);
    }

    /** -E lists suites by strength; cipherorder_* has the server's own order when it keeps one. */
    private static void applyServerOrder(FactsBuilder b, Map<TlsVersion, List<String>> order, Map<TlsVersion, Preference> prefs) {
        order.forEach((v, names) -> {
            List<CipherEntry> list = b.ciphers(v);
            if (list == null || prefs.get(v) != Preference.SERVER) {
                return;
            }
            List<CipherEntry> sorted = new ArrayList<>(list);
            sorted.sort((x, y) -> Integer.compare(rank(names, x), rank(names, y)));
            b.replaceCiphers(v, sorted);
        });
    }

    private static int rank(List<String> names, CipherEntry e) {
        int i = names.indexOf(e.openssl());
        if (i < 0) {
            i = names.indexOf(e.iana());
        }
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static CipherEntry cipher(String hex, String text, org.tlsverdict.facts.Provenance p) {
        String code = String.format("0x%04X", Integer.parseInt(hex, 16));
        CipherSuite suite = CipherRegistry.parseCode(code).flatMap(CipherRegistry.standard()::byCode).orElse(null);
        Matcher m = CIPHER_LINE.matcher(text);
        String openssl = null;
        Integer dhBits = null;
        String group = null;
        String iana = null;
        if (m.find()) {
            openssl = m.group(2);
            String kx = m.group(3);
            Integer bits = m.group(4) == null ? null : Integer.valueOf(m.group(4));
            if (kx.equals("DH") && bits != null) {
                dhBits = bits;
            } else if (kx.equals("ECDH") && bits != null) {
                group = Groups.fromEcdhBits(bits);
            }
            iana = m.group(5);
        }
        if (suite != null) {
            iana = suite.iana();
        }
        return new CipherEntry(iana != null ? iana : openssl != null ? openssl : code, openssl, code, dhBits, group, null, p);
    }

    private static TlsVersion versionOf(String proto) {
        return switch (proto) {
            case "ssl2" -> TlsVersion.SSLv2;
            case "ssl3" -> TlsVersion.SSLv3;
            case "tls1" -> TlsVersion.TLSv1_0;
            case "tls1_1" -> TlsVersion.TLSv1_1;
            case "tls1_2" -> TlsVersion.TLSv1_2;
            case "tls1_3" -> TlsVersion.TLSv1_3;
            default -> null;
        };
    }

    /** "offered", "offered (deprecated)", "offered with final", "not offered", "not offered and downgraded ..." */
    static Support support(String text) {
        String t = PROTOCOL_PREFIX.matcher(text.trim()).replaceFirst("").toLowerCase(Locale.ROOT);
        if (t.startsWith("not offered")) {
            return Support.NOT_OFFERED;
        }
        if (t.startsWith("offered")) {
            return Support.OFFERED;
        }
        return Support.UNKNOWN;
    }

    static Preference preference(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("server")) {
            return Preference.SERVER;
        }
        if (t.contains("not a cipher order") || t.startsWith("client") || t.contains("no server")) {
            return Preference.CLIENT;
        }
        return Preference.UNKNOWN;
    }

    static VulnStatus vulnerability(String severity, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("not tested") || t.contains("test failed") || t.contains("check failed") || t.contains("couldn't")) {
            return VulnStatus.UNKNOWN;
        }
        if (t.contains("not vulnerable")) {
            return VulnStatus.NOT_VULNERABLE;
        }
        if (t.contains("vulnerable")) {
            return VulnStatus.VULNERABLE;
        }
        return switch (severity) {
            case "OK", "INFO" -> VulnStatus.NOT_VULNERABLE;
            case "LOW", "MEDIUM", "HIGH", "CRITICAL" -> VulnStatus.VULNERABLE;
            default -> VulnStatus.UNKNOWN;
        };
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    /** The leaf certificate's findings (hostCert#1). */
    private static final class Cert {
        String subject;
        List<String> sans;
        String keyType;
        Integer keyBits;
        String curve;
        String sigAlg;
        String notBefore;
        String notAfter;
        TriState trusted = TriState.UNKNOWN;
        TriState nameMatch = TriState.UNKNOWN;
        String raw;
        boolean any;

        void read(String id, String text, String rawLine) {
            any = true;
            switch (id) {
                case "cert_commonName" -> subject = "CN=" + text;
                case "cert_subjectAltName" -> sans = text.equals("--") ? List.of() : CertificateText.sans(text);
                case "cert_keySize" -> {
                    Matcher m = KEY_SIZE.matcher(text);
                    Matcher old = OLD_KEY_SIZE.matcher(text);
                    if (m.find()) {
                        keyType = CertificateText.keyType(m.group(1));
                        keyBits = Integer.valueOf(m.group(2));
                        curve = m.group(3) == null ? null : Groups.normalize(m.group(3));
                    } else if (old.find()) {
                        keyBits = Integer.valueOf(old.group(1));
                        keyType = old.group(2) == null ? null : "ECDSA";
                    }
                }
                case "cert_signatureAlgorithm" -> sigAlg = text;
                case "cert_notBefore" -> notBefore = text;
                case "cert_notAfter" -> notAfter = text;
                case "cert_chain_of_trust" -> {
                    String t = text.toLowerCase(Locale.ROOT);
                    trusted = t.startsWith("passed") ? TriState.YES : t.startsWith("failed") ? TriState.NO : TriState.UNKNOWN;
                    raw = rawLine;
                }
                case "cert_trust" -> {
                    String t = text.toLowerCase(Locale.ROOT);
                    nameMatch = t.startsWith("ok") ? TriState.YES : t.contains("does not match") || t.contains("mismatch")
                            ? TriState.NO : TriState.UNKNOWN;
                }
                default -> {
                }
            }
        }

        void addTo(FactsBuilder b) {
            if (!any) {
                return;
            }
            b.certificate(new Certificate(0, subject, sans, null, keyType, keyBits, curve, sigAlg,
                    CertificateText.parseDate(notBefore), CertificateText.parseDate(notAfter), trusted, nameMatch,
                    b.provenance(raw != null ? raw : "cert_* findings")));
        }
    }
}
