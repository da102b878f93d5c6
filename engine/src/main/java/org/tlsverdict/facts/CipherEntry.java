package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An accepted cipher suite as stored in a facts file, in the server's order for its version.
 * Key exchange: {@code dhBits} for finite-field DH, {@code group} for a named group
 * (x25519, secp256r1, ffdhe2048 ...). {@code dhPrime} says what kind of DH prime was seen:
 * rfc7919, common (a widely shared prime, as in Logjam) or custom.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CipherEntry(String iana, String openssl, String code, Integer dhBits, String group, String dhPrime,
                          Provenance provenance) {

    public CipherEntry {
        if ((iana == null || iana.isBlank()) && (openssl == null || openssl.isBlank()) && (code == null || code.isBlank())) {
            throw new IllegalArgumentException("cipher entry has neither iana, openssl nor code");
        }
    }

    public static CipherEntry of(String iana) {
        return new CipherEntry(iana, null, null, null, null, null, null);
    }

    public String name() {
        return iana != null ? iana : openssl != null ? openssl : code;
    }
}
