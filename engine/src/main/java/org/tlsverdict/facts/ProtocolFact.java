package org.tlsverdict.facts;

/** Rule fact: support of one protocol version. Every version is inserted, unknown when not collected. */
public record ProtocolFact(TlsVersion version, Support support) implements Fact {

    /** Lets rules compare versions: {@code ProtocolFact(rank < TlsVersion.TLSv1_2.rank())}. */
    public int getRank() {
        return version.rank();
    }

    @Override
    public String describe() {
        return version + " " + support;
    }
}
