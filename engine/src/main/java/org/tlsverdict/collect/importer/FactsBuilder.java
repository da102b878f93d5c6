package org.tlsverdict.collect.importer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.CipherEntry;
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
 * Collects the facts of one endpoint while an importer walks a scanner file. An area stays null
 * (not collected) until the importer records something in it or marks it collected.
 */
final class FactsBuilder {

    private final Endpoint endpoint;
    private final String collector;
    private final String source;
    private Map<TlsVersion, Support> protocols;
    private Map<TlsVersion, List<CipherEntry>> ciphers;
    private Map<TlsVersion, Preference> preferences;
    private List<Certificate> certificates;
    private Map<String, Vulnerability> vulnerabilities;
    private Map<TlsVersion, List<String>> groups;
    private TriState secureRenegotiation;
    private TriState compression;
    private TriState extendedMasterSecret;
    private TriState fallbackScsv;
    private TriState earlyData;
    private List<CipherEntry> unstatedCiphers;
    private List<String> unstatedGroups;
    private final Map<String, Provenance> provenance = new TreeMap<>();

    FactsBuilder(Endpoint endpoint, String collector, String source) {
        this.endpoint = endpoint;
        this.collector = collector;
        this.source = source;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Per-fact provenance carries the raw line only; collector and source come from the endpoint. */
    Provenance provenance(String raw) {
        return new Provenance(null, null, raw);
    }

    FactsBuilder protocol(TlsVersion v, Support s, String raw) {
        if (protocols == null) {
            protocols = new EnumMap<>(TlsVersion.class);
        }
        protocols.put(v, s);
        provenance.put("protocols." + v.label(), provenance(raw));
        return this;
    }

    boolean hasProtocol(TlsVersion v) {
        return protocols != null && protocols.containsKey(v);
    }

    /** Marks a version's suite list as collected even if it stays empty. */
    FactsBuilder ciphersCollected(TlsVersion v) {
        if (ciphers == null) {
            ciphers = new EnumMap<>(TlsVersion.class);
        }
        ciphers.computeIfAbsent(v, k -> new ArrayList<>());
        return this;
    }

    FactsBuilder cipher(TlsVersion v, CipherEntry e) {
        ciphersCollected(v);
        ciphers.get(v).add(e);
        return this;
    }

    List<CipherEntry> ciphers(TlsVersion v) {
        return ciphers == null ? null : ciphers.get(v);
    }

    void replaceCiphers(TlsVersion v, List<CipherEntry> ordered) {
        ciphersCollected(v);
        ciphers.put(v, new ArrayList<>(ordered));
    }

    FactsBuilder preference(TlsVersion v, Preference p, String raw) {
        if (preferences == null) {
            preferences = new EnumMap<>(TlsVersion.class);
        }
        preferences.put(v, p);
        provenance.put("serverPreference." + v.label(), provenance(raw));
        return this;
    }

    FactsBuilder certificate(Certificate c) {
        if (certificates == null) {
            certificates = new ArrayList<>();
        }
        certificates.add(c);
        return this;
    }

    FactsBuilder certificatesCollected() {
        if (certificates == null) {
            certificates = new ArrayList<>();
        }
        return this;
    }

    /** Several findings for one name (testssl.sh emits two LOGJAM) merge: vulnerable beats unknown beats not vulnerable. */
    FactsBuilder vulnerability(String name, VulnStatus status, String detail, String raw) {
        if (vulnerabilities == null) {
            vulnerabilities = new LinkedHashMap<>();
        }
        Vulnerability prev = vulnerabilities.get(name);
        Vulnerability next = new Vulnerability(name, status, detail, provenance(raw));
        if (prev != null) {
            next = rank(prev.status()) >= rank(status) ? prev : next;
        }
        vulnerabilities.put(name, next);
        return this;
    }

    private static int rank(VulnStatus s) {
        return switch (s) {
            case NOT_VULNERABLE -> 0;
            case UNKNOWN -> 1;
            case VULNERABLE -> 2;
        };
    }

    /** A named group the server accepted on {@code v}, in the order the scanner listed them. */
    FactsBuilder group(TlsVersion v, String name, String raw) {
        if (groups == null) {
            groups = new EnumMap<>(TlsVersion.class);
        }
        List<String> list = groups.computeIfAbsent(v, k -> new ArrayList<>());
        if (name != null && !list.contains(name)) {
            list.add(name);
        }
        provenance.putIfAbsent("groups." + v.label(), provenance(raw));
        return this;
    }

    /** One of the {@code features} ("secureRenegotiation", "compression", "extendedMasterSecret", "fallbackScsv", "earlyData"). */
    FactsBuilder feature(String name, TriState value, String raw) {
        switch (name) {
            case "secureRenegotiation" -> secureRenegotiation = value;
            case "compression" -> compression = value;
            case "extendedMasterSecret" -> extendedMasterSecret = value;
            case "fallbackScsv" -> fallbackScsv = value;
            case "earlyData" -> earlyData = value;
            default -> throw new IllegalArgumentException("no feature " + name);
        }
        provenance.put("features." + name, provenance(raw));
        return this;
    }

    /** A suite seen accepted on a version the scanner did not name. */
    FactsBuilder unstatedCipher(CipherEntry e) {
        if (unstatedCiphers == null) {
            unstatedCiphers = new ArrayList<>();
        }
        unstatedCiphers.add(e);
        return this;
    }

    List<CipherEntry> unstatedCiphers() {
        return unstatedCiphers;
    }

    /** A named group seen accepted on a version the scanner did not name; duplicates are dropped. */
    FactsBuilder unstatedGroup(String group, String raw) {
        if (unstatedGroups == null) {
            unstatedGroups = new ArrayList<>();
        }
        if (!unstatedGroups.contains(group)) {
            unstatedGroups.add(group);
        }
        provenance.putIfAbsent("versionNotStated.groups", provenance(raw));
        return this;
    }

    EndpointFacts build() {
        return new EndpointFacts(endpoint, new Provenance(collector, source, null), protocols, ciphers, preferences,
                certificates, vulnerabilities == null ? null : new ArrayList<>(vulnerabilities.values()),
                provenance.isEmpty() ? null : provenance, groups,
                new TlsFeatures(secureRenegotiation, compression, extendedMasterSecret, fallbackScsv, earlyData),
                unstatedCiphers == null && unstatedGroups == null ? null
                        : new org.tlsverdict.facts.VersionNotStated(unstatedCiphers, unstatedGroups));
    }
}
