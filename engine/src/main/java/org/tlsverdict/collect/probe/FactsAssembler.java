package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsFeatures;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.VulnStatus;
import org.tlsverdict.facts.Vulnerability;

/**
 * Turns findings into {@code tlsverdict/facts/v1}. Only what a probe established is written, each
 * with provenance (collector "native", raw: the probe); suite lists only for versions whose
 * enumeration ended with a refusal, so a list cut short never reads as complete.
 */
final class FactsAssembler {

    static final String COLLECTOR = "native";

    private FactsAssembler() {
    }

    static EndpointFacts assemble(Endpoint endpoint, Findings f, CipherRegistry registry, ChainValidator trust, String host) {
        Map<String, Provenance> provenance = new TreeMap<>();
        Map<TlsVersion, Support> protocols = new EnumMap<>(TlsVersion.class);
        f.protocols.forEach((v, n) -> {
            if (n.value() != Support.UNKNOWN) {
                protocols.put(v, n.value());
                provenance.put("protocols." + v.label(), raw(n.how()));
            }
        });
        Map<TlsVersion, List<CipherEntry>> ciphers = new EnumMap<>(TlsVersion.class);
        f.suites.forEach((v, list) -> {
            if (f.support(v) == Support.OFFERED && Boolean.TRUE.equals(f.suitesComplete.get(v))) {
                List<CipherEntry> entries = new ArrayList<>();
                Integer tls13Group = v == TlsVersion.TLSv1_3 && f.groups.containsKey(v) && !f.groups.get(v).isEmpty()
                        ? f.groups.get(v).get(0) : null;
                for (Findings.Accepted a : list) {
                    entries.add(entry(a, registry, tls13Group));
                }
                ciphers.put(v, entries);
            }
        });
        Map<TlsVersion, Preference> preference = new EnumMap<>(TlsVersion.class);
        f.preference.forEach((v, n) -> {
            preference.put(v, n.value());
            provenance.put("serverPreference." + v.label(), raw(n.how()));
        });
        Map<TlsVersion, List<String>> groups = new EnumMap<>(TlsVersion.class);
        f.groupsComplete.forEach((v, how) -> {
            List<String> names = new ArrayList<>();
            f.groups.getOrDefault(v, List.of()).forEach(g -> names.add(Wire.groupName(g)));
            groups.put(v, names);
            provenance.put("groups." + v.label(), raw(how));
        });
        List<Certificate> certificates = f.chain == null ? null : new ArrayList<>(CertificateFacts.of(f.chain, host, trust, f.chainHow));
        for (int i = 0; certificates != null && i < f.moreChains.size(); i++) {
            Findings.Chain more = f.moreChains.get(i);
            for (Certificate c : CertificateFacts.of(more.der(), host, trust, more.how())) {
                certificates.add(c.inChain(i + 1));
            }
        }
        TlsFeatures features = new TlsFeatures(feature(f, "secureRenegotiation", provenance), feature(f, "compression", provenance),
                feature(f, "extendedMasterSecret", provenance), feature(f, "fallbackScsv", provenance));
        return new EndpointFacts(endpoint, new Provenance(COLLECTOR, null, null), protocols.isEmpty() ? null : protocols,
                ciphers.isEmpty() ? null : ciphers, preference.isEmpty() ? null : preference, certificates,
                vulnerabilities(f, protocols, ciphers, registry), provenance.isEmpty() ? null : provenance, groups.isEmpty() ? null : groups, features);
    }

    private static TriState feature(Findings f, String name, Map<String, Provenance> provenance) {
        Findings.Noted<TriState> n = f.features.get(name);
        if (n == null) {
            return null;
        }
        provenance.put("features." + name, raw(n.how()));
        return n.value();
    }

    private static CipherEntry entry(Findings.Accepted a, CipherRegistry registry, Integer tls13Group) {
        CipherSuite s = registry.byCode(a.suite()).orElse(null);
        String code = String.format("0x%02X,0x%02X", a.suite() >> 8, a.suite() & 0xFF);
        Integer dhBits = null;
        String group = null;
        String dhPrime = null;
        KeyExchange k = a.keyExchange();
        if (k != null && k.prime() != null) {
            dhBits = k.dhBits();
            DhPrimes.Classification c = DhPrimes.classify(k.prime());
            dhPrime = c.dhPrime();
            group = c.group();
        } else if (k != null && k.group() >= 0) {
            group = Wire.groupName(k.group());
        } else if (tls13Group != null) {
            group = Wire.groupName(tls13Group);
        }
        return new CipherEntry(s == null ? null : s.iana(), s == null ? null : s.openssl(), code, dhBits, group, dhPrime,
                raw(a.how()));
    }

    /**
     * What the handshakes measured, what the suite lists show, and the active tests; a test that
     * could not be run is listed as UNKNOWN with the reason, never left out.
     */
    private static List<Vulnerability> vulnerabilities(Findings f, Map<TlsVersion, Support> protocols,
                                                       Map<TlsVersion, List<CipherEntry>> ciphers, CipherRegistry registry) {
        List<Vulnerability> out = new ArrayList<>();
        Findings.Noted<TriState> compression = f.features.get("compression");
        if (compression != null) {
            out.add(new Vulnerability("CRIME_TLS", compression.value() == TriState.YES ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE,
                    compression.value() == TriState.YES ? "TLS compression (DEFLATE) accepted" : "no TLS compression",
                    raw(compression.how())));
        }
        Findings.Noted<TriState> reneg = f.features.get("secureRenegotiation");
        if (reneg != null) {
            out.add(new Vulnerability("SECURE_RENEGO", reneg.value() == TriState.YES ? VulnStatus.NOT_VULNERABLE : VulnStatus.VULNERABLE,
                    reneg.value() == TriState.YES ? "RFC 5746 secure renegotiation supported" : "no RFC 5746 secure renegotiation",
                    raw(reneg.how())));
        }
        for (String name : List.of("HEARTBLEED", "CCS", "SECURE_CLIENT_RENEGO")) {
            Findings.Tested t = f.tested.get(name);
            out.add(t == null ? new Vulnerability(name, VulnStatus.UNKNOWN, "not determined (see the scan notes)", raw("not determined"))
                    : new Vulnerability(name, t.status(), t.detail(), raw(t.how())));
        }
        out.addAll(SuiteVulnerabilities.of(protocols, ciphers, registry));
        Findings.Tested robot = f.tested.get("ROBOT");
        out.add(robot != null ? new Vulnerability("ROBOT", robot.status(), robot.detail(), raw(robot.how()))
                : SuiteVulnerabilities.robotNotApplicable(protocols, ciphers, registry).orElse(new Vulnerability("ROBOT",
                        VulnStatus.UNKNOWN, "not determined (see the scan notes)", raw("not determined"))));
        return out;
    }

    private static Provenance raw(String how) {
        return new Provenance(COLLECTOR, null, how);
    }
}
