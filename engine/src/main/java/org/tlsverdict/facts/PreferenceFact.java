package org.tlsverdict.facts;

/** Rule fact: who orders cipher suites for one offered version. */
public record PreferenceFact(TlsVersion version, Preference preference, Provenance provenance) implements Fact {

    public int getRank() {
        return version.rank();
    }

    @Override
    public String describe() {
        return version + " cipher preference: " + preference;
    }

    @Override
    public PreferenceFact withoutProvenance() {
        return provenance == null ? this : new PreferenceFact(version, preference, null);
    }
}
