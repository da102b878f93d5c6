package org.tlsverdict.facts;

/**
 * Rule fact: a mail domain whose MX list names the endpoint being judged. {@code mxCollected} is
 * false when the MX lookup failed or was not made; {@code mxCount} counts MX hosts (0 for Null MX).
 */
public record DomainFact(String domain, DnssecStatus dnssec, boolean nullMx, boolean mxCollected, int mxCount) implements Fact {

    @Override
    public String describe() {
        return "domain " + domain + ": DNSSEC " + dnssec + (nullMx ? ", Null MX" : "")
                + (mxCollected ? ", " + mxCount + " MX" : ", MX not collected");
    }
}
