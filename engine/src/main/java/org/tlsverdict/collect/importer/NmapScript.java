package org.tlsverdict.collect.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.VulnStatus;

/**
 * What nmap's ssl-enum-ciphers and ssl-cert scripts say about one port, whether read from XML or
 * from pasted text; {@link #toFacts} is the one mapping both importers share.
 */
final class NmapScript {

    record Suite(String name, String kexInfo, String raw) {
    }

    static final class VersionBlock {
        final List<Suite> suites = new ArrayList<>();
        String preference;
        String preferenceRaw;
        final List<String> warnings = new ArrayList<>();
        /** A line in the suite list could not be read (an elision, a wrapped line): the list is not the server's whole list. */
        String unreadLine;
    }

    /** The host of an endpoint whose output names none and for which no --target was given. */
    static final String UNKNOWN_HOST = "unknown";

    /** Versions in the order nmap printed them; only versions the server accepted appear. */
    final Map<TlsVersion, VersionBlock> versions = new LinkedHashMap<>();
    boolean enumCiphersRan;
    /** "7.70" from {@code nmaprun version=} or the text header; null when the output does not say. */
    String nmapVersion;
    /** From nmap's own service column (or {@code <service>}); null leaves the port's default. */
    Service service;
    Transport transport;
    String certSubject;
    String certSans;
    String certKeyType;
    Integer certKeyBits;
    String certSigAlg;
    String certNotBefore;
    String certNotAfter;
    String certRaw;

    /** Warnings nmap prints that name a known attack. */
    private static final Map<String, String> WARNING_FINDINGS = Map.of(
            "SWEET32", "SWEET32",
            "RC4", "RC4",
            "POODLE", "POODLE_SSL",
            "export", "FREAK",
            "anonymous", "ANON_KEY_EXCHANGE");

    /**
     * ssl-enum-ciphers asks for TLS 1.3 only from nmap 7.92 on (see README, scanner table); before
     * that, or when the output does not name its nmap, a missing TLSv1.3 table says nothing.
     */
    static boolean testsTls13(String nmapVersion) {
        if (nmapVersion == null) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(nmapVersion.trim());
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 7 || (major == 7 && minor >= 92);
    }

    boolean hasTlsOutput() {
        return enumCiphersRan || certSubject != null || certKeyType != null;
    }

    /** The endpoint nmap scanned, with service and transport from nmap's service column when it gave one. */
    Endpoint endpoint(String host, String ip, int port) {
        Transport t = transport;
        if (service != null && t == null) {
            t = service.defaultTransport();
        }
        return Endpoint.of(host, ip, port, service, t);
    }

    EndpointFacts toFacts(Endpoint endpoint, String collector, String label) {
        return toFacts(endpoint, collector, label, true);
    }

    /** {@code hostKnown} false: the output named no host, so the certificate cannot be matched against one. */
    EndpointFacts toFacts(Endpoint endpoint, String collector, String label, boolean hostKnown) {
        FactsBuilder b = new FactsBuilder(endpoint, collector, label);
        if (enumCiphersRan) {
            // ssl-enum-ciphers tries SSLv3 to TLSv1.2 (and TLSv1.3 from 7.92): a version it does not
            // list was refused. SSLv2 is another script's job, so it stays unknown.
            boolean tls13Tested = testsTls13(nmapVersion);
            for (TlsVersion v : TlsVersion.values()) {
                if (v == TlsVersion.SSLv2) {
                    continue;
                }
                VersionBlock block = versions.get(v);
                if (block == null) {
                    if (v == TlsVersion.TLSv1_3 && !tls13Tested) {
                        b.protocol(v, Support.UNKNOWN, nmapVersion == null
                                ? "nmap version not stated: TLSv1.3 may not have been tried"
                                : "nmap " + nmapVersion + " does not try TLSv1.3");
                    } else {
                        b.protocol(v, Support.NOT_OFFERED, "ssl-enum-ciphers: no " + v.label() + " table");
                    }
                    continue;
                }
                b.protocol(v, Support.OFFERED, "ssl-enum-ciphers: " + v.label() + " table");
                if (block.unreadLine != null) {
                    // A partial list would read as "only these": leave the version's suites not collected.
                    continue;
                }
                b.ciphersCollected(v);
                for (Suite s : block.suites) {
                    b.cipher(v, entry(s, b));
                }
                if (block.preference != null) {
                    b.preference(v, preference(block.preference), "cipher preference: " + block.preference);
                }
            }
            addWarnings(b);
        }
        if (certSubject != null || certKeyType != null) {
            List<String> names = CertificateText.sans(certSans);
            String cn = certSubject == null ? null : certSubject.replaceFirst("(?i)^(commonName|CN)=", "");
            if (names.isEmpty() && cn != null) {
                names = List.of(cn);
            }
            b.certificate(new Certificate(0, certSubject, CertificateText.sans(certSans), null,
                    CertificateText.keyType(certKeyType), certKeyBits, null, certSigAlg,
                    CertificateText.parseDate(certNotBefore), CertificateText.parseDate(certNotAfter),
                    TriState.UNKNOWN, hostKnown ? CertificateText.matches(endpoint.host(), names) : TriState.UNKNOWN, b.provenance(certRaw)));
        }
        return b.build();
    }

    private static CipherEntry entry(Suite s, FactsBuilder b) {
        Integer dhBits = null;
        String group = null;
        String kex = s.kexInfo() == null ? "" : s.kexInfo().trim().toLowerCase(Locale.ROOT);
        if (kex.startsWith("dh ")) {
            dhBits = parseInt(kex.substring(3));
        } else if (!kex.isEmpty() && !kex.startsWith("rsa")) {
            group = Groups.normalize(kex);
        }
        String iana = CipherRegistry.standard().lookup(s.name()).map(c -> c.iana()).orElse(s.name());
        return new CipherEntry(iana, null, null, dhBits, group, null, b.provenance(s.raw()));
    }

    /** nmap says "indeterminate" when fewer than two suites let it compare orders. */
    private static Preference preference(String text) {
        if (text == null) {
            return Preference.UNKNOWN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "server" -> Preference.SERVER;
            case "client" -> Preference.CLIENT;
            default -> Preference.UNKNOWN;
        };
    }

    /**
     * nmap tests no vulnerability as such, but its warnings name some. They are recorded as found;
     * the other tests count as not run, so no criterion can pass on nmap's silence.
     */
    private void addWarnings(FactsBuilder b) {
        boolean any = false;
        for (VersionBlock block : versions.values()) {
            for (String w : block.warnings) {
                for (Map.Entry<String, String> e : WARNING_FINDINGS.entrySet()) {
                    if (w.contains(e.getKey())) {
                        b.vulnerability(e.getValue(), VulnStatus.VULNERABLE, w, "warnings: " + w);
                        any = true;
                    }
                }
            }
        }
        if (any) {
            b.vulnerability("OTHER_TESTS", VulnStatus.UNKNOWN, "nmap ssl-enum-ciphers runs no Heartbleed, ROBOT or renegotiation tests", null);
        }
    }

    static Integer parseInt(String text) {
        try {
            return Integer.parseInt(text.trim().split("\\s+")[0]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }
}
