package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One certificate of a presented chain (position 0 is the leaf). Validity dates are ISO-8601
 * instants. {@code trusted} and {@code hostnameMatch} are three-valued and usually only set on the leaf.
 * {@code chain} tells the chains of a server that holds several certificates (an ECDSA and an RSA
 * one) apart: 0 or absent is the chain a default client gets, 1, 2 ... the others; positions count
 * within each chain, so every chain's leaf is at position 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Certificate(Integer position, String subject, List<String> subjectAltNames, String issuer,
                          String keyType, Integer keyBits, String curve, String signatureAlgorithm,
                          Instant notBefore, Instant notAfter, TriState trusted, TriState hostnameMatch,
                          Provenance provenance, Integer chain) implements Fact {

    /** A certificate of the default chain (the original shape). */
    public Certificate(Integer position, String subject, List<String> subjectAltNames, String issuer,
                       String keyType, Integer keyBits, String curve, String signatureAlgorithm,
                       Instant notBefore, Instant notAfter, TriState trusted, TriState hostnameMatch,
                       Provenance provenance) {
        this(position, subject, subjectAltNames, issuer, keyType, keyBits, curve, signatureAlgorithm, notBefore, notAfter,
                trusted, hostnameMatch, provenance, null);
    }

    public Certificate {
        chain = chain == null || chain == 0 ? null : chain;
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
        trusted = trusted == null ? TriState.UNKNOWN : trusted;
        hostnameMatch = hostnameMatch == null ? TriState.UNKNOWN : hostnameMatch;
    }

    /** Seconds since the epoch, for numeric constraints in rules; null when not collected. */
    @JsonIgnore
    public Long getNotAfterEpoch() {
        return notAfter == null ? null : notAfter.getEpochSecond();
    }

    @JsonIgnore
    public Long getNotBeforeEpoch() {
        return notBefore == null ? null : notBefore.getEpochSecond();
    }

    /**
     * Seconds from notBefore to notAfter, both included (RFC 5280 4.1.2.5: the validity period
     * contains both instants); null when either was not collected.
     */
    @JsonIgnore
    public Long getLifespanSeconds() {
        return notBefore == null || notAfter == null ? null : notAfter.getEpochSecond() - notBefore.getEpochSecond() + 1;
    }

    /** The lifespan in days, rounded up; null when not collected. */
    @JsonIgnore
    public Long getLifespanDays() {
        Long s = getLifespanSeconds();
        return s == null ? null : (s + 86_399) / 86_400;
    }

    /** The hash names rules compare with; none of them contains another. */
    private static final String[] HASHES = {"SHA224", "SHA256", "SHA384", "SHA512", "SHA1", "MD2", "MD5"};
    /** SHA-3 names without their dash ("SHA3-256" reads "SHA3256"): not SHA-2, so no hash above is reported for them. */
    private static final String[] SHA3 = {"SHA3224", "SHA3256", "SHA3384", "SHA3512"};

    /**
     * The hash named in {@code signatureAlgorithm} ("MD2", "MD5", "SHA1", "SHA224", "SHA256",
     * "SHA384", "SHA512"; "sha1WithRSAEncryption", "ecdsa-with-SHA1" and "SHA-1" all give "SHA1"),
     * so that rules compare a value instead of matching a pattern on every certificate; null when
     * the name shows none of them (RSASSA-PSS, Ed25519, SHA-3) or was not collected.
     */
    @JsonIgnore
    public String getSignatureHash() {
        if (signatureAlgorithm == null) {
            return null;
        }
        String name = signatureAlgorithm.toUpperCase(java.util.Locale.ROOT).replace("-", "");
        for (String sha3 : SHA3) {
            if (name.contains(sha3)) {
                return null;
            }
        }
        for (String h : HASHES) {
            if (name.contains(h)) {
                return h;
            }
        }
        return null;
    }

    @JsonIgnore
    public boolean isLeaf() {
        return position != null && position == 0;
    }

    /** The chain this certificate belongs to, 0 for the default one. */
    @JsonIgnore
    public int getChainIndex() {
        return chain == null ? 0 : chain;
    }

    /**
     * This certificate as rules see it: at position {@code p} of its chain, and without provenance,
     * which the evaluator keeps beside the session ({@link RuleInput}).
     */
    Certificate ruleFact(int p) {
        return new Certificate(p, subject, subjectAltNames, issuer, keyType, keyBits, curve, signatureAlgorithm,
                notBefore, notAfter, trusted, hostnameMatch, null, chain);
    }

    /** This certificate as part of chain {@code index} (0: the default chain). */
    public Certificate inChain(int index) {
        return new Certificate(position, subject, subjectAltNames, issuer, keyType, keyBits, curve, signatureAlgorithm,
                notBefore, notAfter, trusted, hostnameMatch, provenance, index);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("certificate #").append(position);
        if (chain != null) {
            sb.append(" of chain ").append(chain);
        }
        sb.append(' ').append(subject);
        if (keyType != null) {
            sb.append(", key ").append(keyType).append(keyBits != null ? " " + keyBits : "").append(curve != null ? " " + curve : "");
        }
        if (signatureAlgorithm != null) {
            sb.append(", signed ").append(signatureAlgorithm);
        }
        if (notAfter != null) {
            sb.append(", valid until ").append(notAfter);
        }
        return sb.append(", trusted ").append(trusted).append(", hostname match ").append(hostnameMatch).toString();
    }
}
