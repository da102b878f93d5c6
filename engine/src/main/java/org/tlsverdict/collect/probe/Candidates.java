package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.NamedGroup;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;

/**
 * What the prober offers: every IANA suite of the registry (export, RC4, DES, IDEA, 3DES, static DH
 * included), the named groups and signature schemes. The orders are fixed so that runs repeat.
 */
final class Candidates {

    /** TLS 1.3 suites by code point (RFC 8446, RFC 9150 integrity-only suites are left out: no server should pick them). */
    static final List<Integer> TLS13_SUITES = List.of(0x1301, 0x1302, 0x1303, 0x1304, 0x1305);

    /**
     * Groups for TLS 1.0-1.2 ECDHE: browsers' usual first three, then every other curve. The
     * finite-field groups are left out on purpose: a server following RFC 7919 would otherwise skip
     * its DHE suites when it shares none of them, and we want its configured DH prime.
     */
    static final List<Integer> LEGACY_GROUPS = legacyGroups();

    /** Groups for TLS 1.3 key shares: curves, finite-field groups and the post-quantum hybrids. */
    static final List<Integer> TLS13_GROUPS = List.of(NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1,
            NamedGroup.secp521r1, NamedGroup.x448, NamedGroup.X25519MLKEM768, NamedGroup.SecP256r1MLKEM768,
            NamedGroup.SecP384r1MLKEM1024, NamedGroup.MLKEM512, NamedGroup.MLKEM768, NamedGroup.MLKEM1024,
            NamedGroup.brainpoolP256r1tls13, NamedGroup.brainpoolP384r1tls13, NamedGroup.brainpoolP512r1tls13,
            NamedGroup.ffdhe2048, NamedGroup.ffdhe3072, NamedGroup.ffdhe4096, NamedGroup.ffdhe6144, NamedGroup.ffdhe8192);

    /** Signature schemes: TLS 1.3 ones first, then the TLS 1.2 hash/signature pairs down to MD5 and DSA. */
    static final List<Integer> SIGNATURE_SCHEMES = List.of(
            0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
            0x081A, 0x081B, 0x081C, 0x0401, 0x0501, 0x0601,
            0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202, 0x0101, 0x0102, 0x0103);

    private Candidates() {
    }

    /** Every suite a server could pick for TLS 1.2 and below, in code-point order, without the signalling values. */
    static List<Integer> legacySuites(CipherRegistry registry) {
        List<Integer> out = new ArrayList<>();
        for (CipherSuite s : registry.all()) {
            int c = s.code();
            if (s.tls13() || c == 0x0000 || c == Wire.EMPTY_RENEGOTIATION_INFO_SCSV || c == Wire.FALLBACK_SCSV
                    || TLS13_SUITES.contains(c)) {
                continue;
            }
            out.add(c);
        }
        return out;
    }

    private static List<Integer> legacyGroups() {
        List<Integer> out = new ArrayList<>(List.of(NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1,
                NamedGroup.secp521r1, NamedGroup.x448, NamedGroup.brainpoolP256r1, NamedGroup.brainpoolP384r1,
                NamedGroup.brainpoolP512r1));
        for (int g = NamedGroup.sect163k1; g <= NamedGroup.secp256k1; g++) {
            out.add(g);
        }
        return List.copyOf(out);
    }
}
