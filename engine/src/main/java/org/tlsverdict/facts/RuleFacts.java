package org.tlsverdict.facts;

import java.util.List;
import java.util.Map;

/**
 * Turns one endpoint's facts into the flat facts rules match on, each with where it was read
 * beside it ({@link RuleInput}). Every protocol version gets a ProtocolFact (UNKNOWN when not
 * collected); a Collected fact marks each area that was.
 */
public final class RuleFacts {

    private RuleFacts() {
    }

    /** The Endpoint comes first, as read (the evaluator gives checked rules its {@link Endpoint#withoutIdentity()}). */
    public static RuleInput of(EndpointFacts facts, CipherRegistry registry) {
        RuleInput out = new RuleInput();
        out.add(facts.endpoint());
        addProtocols(facts, out);
        addCiphers(facts, registry, out);
        addPreferences(facts, out);
        addGroups(facts, out);
        if (facts.certificates() != null) {
            out.add(new Collected(Area.CERTIFICATES, null));
            // Positions count within each chain: every chain the server presents has its leaf at 0.
            List<Certificate> all = facts.certificates();
            java.util.Map<Integer, Integer> next = new java.util.HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                int position = next.merge(all.get(i).getChainIndex(), 1, Integer::sum) - 1;
                Certificate c = all.get(i);
                Provenance fallback = facts.provenanceOf("certificates." + i);
                out.add(c.ruleFact(position), c.provenance() == null ? fallback : c.provenance().merge(fallback));
            }
        }
        if (facts.vulnerabilities() != null) {
            out.add(new Collected(Area.VULNERABILITIES, null));
            for (Vulnerability v : facts.vulnerabilities()) {
                Provenance fallback = facts.provenanceOf("vulnerabilities." + v.name());
                out.add(v.ruleFact(), v.provenance() == null ? fallback : v.provenance().merge(fallback));
            }
        }
        return out;
    }

    private static void addProtocols(EndpointFacts facts, RuleInput out) {
        Map<TlsVersion, Support> protocols = facts.protocols();
        if (protocols != null) {
            out.add(new Collected(Area.PROTOCOLS, null));
        }
        for (TlsVersion v : TlsVersion.values()) {
            Support s = protocols == null ? null : protocols.get(v);
            String key = "protocols." + v.label();
            out.add(new ProtocolFact(v, s == null ? Support.UNKNOWN : s),
                    s == null ? new Provenance("none", null, "not collected: " + key) : facts.provenanceOf(key));
        }
    }

    private static void addCiphers(EndpointFacts facts, CipherRegistry registry, RuleInput out) {
        VersionNotStated unstated = facts.versionNotStated();
        if (unstated != null && unstated.ciphers() != null) {
            List<CipherEntry> list = unstated.ciphers();
            for (int i = 0; i < list.size(); i++) {
                CipherEntry e = list.get(i);
                Provenance p = e.provenance() != null ? e.provenance().merge(facts.source())
                        : facts.provenanceOf("versionNotStated.ciphers." + e.name());
                out.add(toFact(null, i, e, registry), p);
            }
        }
        if (facts.ciphers() == null) {
            return;
        }
        facts.ciphers().forEach((version, list) -> {
            out.add(new Collected(Area.CIPHERS, version));
            for (int i = 0; i < list.size(); i++) {
                CipherEntry e = list.get(i);
                Provenance p = e.provenance() != null ? e.provenance().merge(facts.source())
                        : facts.provenanceOf("ciphers." + version.label() + "." + e.name());
                out.add(toFact(version, i, e, registry), p);
            }
        });
    }

    static CipherFact toFact(TlsVersion version, int position, CipherEntry e, CipherRegistry registry) {
        CipherSuite s = registry.resolve(e).orElse(null);
        if (s == null) {
            return new CipherFact(version, position, e.name(), false, null, null, null, 0, null, false, false, false,
                    e.dhBits(), e.group(), e.dhPrime());
        }
        return new CipherFact(version, position, s.iana(), true, s.keyExchange(), s.authentication(), s.cipher(),
                s.bits(), s.mac(), s.aead(), s.forwardSecret(), s.export(), e.dhBits(), e.group(), e.dhPrime());
    }

    private static void addGroups(EndpointFacts facts, RuleInput out) {
        if (facts.groups() == null) {
            return;
        }
        facts.groups().forEach((version, list) -> {
            out.add(new Collected(Area.GROUPS, version));
            Provenance p = facts.provenanceOf("groups." + version.label());
            for (int i = 0; i < list.size(); i++) {
                out.add(new GroupFact(version, i, list.get(i)), p);
            }
        });
    }

    private static void addPreferences(EndpointFacts facts, RuleInput out) {
        if (facts.serverPreference() == null) {
            return;
        }
        facts.serverPreference().forEach((version, pref) -> {
            out.add(new Collected(Area.SERVER_PREFERENCE, version));
            out.add(new PreferenceFact(version, pref), facts.provenanceOf("serverPreference." + version.label()));
        });
    }
}
