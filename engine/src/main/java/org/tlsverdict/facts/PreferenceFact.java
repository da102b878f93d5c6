package org.tlsverdict.facts;

/** Rule fact: who orders cipher suites for one offered version. */
public record PreferenceFact(TlsVersion version, Preference preference) implements Fact {

    public int getRank() {
        return version.rank();
    }

    @Override
    public String describe() {
        return version + " cipher preference: " + preference;
    }
}
