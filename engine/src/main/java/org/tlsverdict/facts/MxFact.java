package org.tlsverdict.facts;

/** Rule fact: one MX host of a domain and the DNSSEC status of its address records. */
public record MxFact(String domain, String host, Integer preference, DnssecStatus dnssec, Provenance provenance) implements Fact {

    @Override
    public String describe() {
        return "MX " + (preference == null ? "" : preference + " ") + host + " of " + domain + ": DNSSEC " + dnssec;
    }

    @Override
    public MxFact withoutProvenance() {
        return provenance == null ? this : new MxFact(domain, host, preference, dnssec, null);
    }
}
