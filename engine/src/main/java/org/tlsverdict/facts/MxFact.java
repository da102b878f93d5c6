package org.tlsverdict.facts;

/** Rule fact: one MX host of a domain and the DNSSEC status of its address records. */
public record MxFact(String domain, String host, Integer preference, DnssecStatus dnssec) implements Fact {

    @Override
    public String describe() {
        return "MX " + (preference == null ? "" : preference + " ") + host + " of " + domain + ": DNSSEC " + dnssec;
    }
}
