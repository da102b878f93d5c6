package org.tlsverdict.facts.derived;

import org.tlsverdict.facts.Fact;
import org.tlsverdict.facts.ProtocolFact;
import org.tlsverdict.facts.TlsVersion;

/** Derived by rules/common: the highest offered version, known only when every higher one is known. */
public record BestVersion(ProtocolFact protocol) implements Fact {

    public TlsVersion getVersion() {
        return protocol.version();
    }

    public int getRank() {
        return protocol.version().rank();
    }

    @Override
    public String describe() {
        return "best version offered: " + protocol.version();
    }

    @Override
    public Fact basis() {
        return protocol;
    }
}
