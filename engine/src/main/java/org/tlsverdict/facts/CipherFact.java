package org.tlsverdict.facts;

/**
 * Rule fact: one accepted suite of one version, with the registry's attributes copied in so that
 * rules constrain plain fields. {@code known} is false when the name is not in the registry; rules
 * then must not count the suite as strong or weak. {@code version} is null for a suite the scanner
 * saw accepted without naming the version ({@link VersionNotStated}): rules that match any version
 * see it, rules bound to a version do not, and its rank is -1.
 */
public record CipherFact(TlsVersion version, int position, String iana, boolean known, String keyExchange,
                         String authentication, String cipher, int bits, String mac, boolean aead,
                         boolean forwardSecret, boolean export, Integer dhBits, String group, String dhPrime) implements Fact {

    public int getRank() {
        return version == null ? -1 : version.rank();
    }

    /** Finite-field Diffie-Hellman key exchange (DHE or static DH). */
    public boolean isFiniteFieldDh() {
        return keyExchange != null && (keyExchange.equals("DHE") || keyExchange.equals("DH") || keyExchange.equals("DHE_PSK"));
    }

    /** The version for messages: its label, or "version not stated". */
    public String versionLabel() {
        return version == null ? "version not stated" : version.label();
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(version == null ? "version not stated" : version.label()).append(" #").append(position + 1).append(' ').append(iana);
        if (dhBits != null) {
            sb.append(" (DH ").append(dhBits).append(group != null ? " " + group : "").append(')');
        } else if (group != null) {
            sb.append(" (").append(group).append(')');
        }
        return sb.toString();
    }
}
