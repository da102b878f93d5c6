package org.tlsverdict.facts;

import java.util.List;

/**
 * Turns the facts of the mail domains an endpoint serves into flat rule facts. An endpoint gets
 * the facts of every domain whose MX list names its host, so criteria on DNSSEC, DANE, MTA-STS,
 * TLS-RPT and CAA are judged on each MX endpoint.
 */
public final class DomainRuleFacts {

    public static final String SCOPE_DOMAIN = "domain";
    public static final String SCOPE_MX = "mx";

    private DomainRuleFacts() {
    }

    /** Rule facts of the domains among {@code domains} that list {@code endpoint}'s host as an MX. */
    public static RuleInput of(Endpoint endpoint, List<DomainFacts> domains) {
        RuleInput out = new RuleInput();
        if (domains == null) {
            return out;
        }
        for (DomainFacts d : domains) {
            if (d.hasMx(endpoint.host())) {
                out.addAll(of(d));
            }
        }
        return out;
    }

    /** All rule facts of one domain. */
    public static RuleInput of(DomainFacts d) {
        RuleInput out = new RuleInput();
        String name = d.domain();
        out.add(new DomainFact(name, d.dnssec(), Boolean.TRUE.equals(d.nullMx()), d.mx() != null,
                d.mx() == null ? 0 : d.mx().size()), d.provenanceOf("dnssec"));
        if (d.mx() != null) {
            for (MxHost m : d.mx()) {
                String key = "mx." + m.host();
                out.add(new MxFact(name, m.host(), m.preference(), m.dnssec()), d.provenanceOf(key + ".dnssec"));
                Tlsa t = m.tlsa();
                out.add(new TlsaFact(name, m.host(), t.status(), t.matched() == null ? null : t.matched().toString(),
                        t.records() == null ? 0 : t.records().size(), t.reason()), d.provenanceOf(key + ".tlsa"));
                out.add(caa(name, m.host(), SCOPE_MX, m.caa()), d.provenanceOf(key + ".caa"));
            }
        }
        MtaSts s = d.mtaSts();
        out.add(new MtaStsFact(name, s.status(), s.mode(), s.id(), s.maxAge(), s.reason()), d.provenanceOf("mtaSts"));
        TlsRpt r = d.tlsRpt();
        out.add(new TlsRptFact(name, r.status(), r.rua() == null ? null : String.join(",", r.rua()), r.reason()),
                d.provenanceOf("tlsRpt"));
        out.add(caa(name, name, SCOPE_DOMAIN, d.caa()), d.provenanceOf("caa"));
        return out;
    }

    private static CaaFact caa(String domain, String name, String scope, Caa caa) {
        return new CaaFact(domain, name, scope, caa.known(),
                caa.known() ? caa.records().stream().map(CaaRecord::toString).toList() : List.of(),
                caa.known() ? caa.records().stream().filter(r -> r.tag() != null)
                        .map(r -> r.tag().toLowerCase(java.util.Locale.ROOT)).distinct().toList() : List.of());
    }
}
