package org.tlsverdict.facts;

/**
 * Rule fact: one accepted suite of one version, with the registry's attributes copied in so that
 * rules constrain plain fields. {@code known} is false when the name is not in the registry; rules
 * then must not count the suite as strong or weak.
 */
public record CipherFact(TlsVersion version, int position, String iana, boolean known, String keyExchange,
                         String authentication, String cipher, int bits, String mac, boolean aead,
                         boolean forwardSecret, boolean export, Integer dhBits, String group, String dhPrime,
                         Provenance provenance) implements Fact {

    public int getRank() {
        return version.rank();
    }

    /** Finite-field Diffie-Hellman key exchange (DHE or static DH). */
    public boolean isFiniteFieldDh() {
        return keyExchange != null && (keyExchange.equals("DHE") || keyExchange.equals("DH") || keyExchange.equals("DHE_PSK"));
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(version.label()).append(" #").append(position + 1).append(' ').append(iana);
        if (dhBits != null) {
            sb.append(" (DH ").append(dhBits).append(group != null ? " " + group : "").append(')');
        } else if (group != null) {
            sb.append(" (").append(group).append(')');
        }
        return sb.toString();
    }

    @Override
    public CipherFact withoutProvenance() {
        return provenance == null ? this : new CipherFact(version, position, iana, known, keyExchange, authentication, cipher, bits, mac, aead,
                forwardSecret, export, dhBits, group, dhPrime, null);
    }
}
