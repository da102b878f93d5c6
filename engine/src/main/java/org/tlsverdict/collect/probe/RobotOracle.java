package org.tlsverdict.collect.probe;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.VulnStatus;

/**
 * ROBOT (Return Of Bleichenbacher's Oracle Threat): for servers that accept RSA key transport, five
 * handshakes that each send a ClientKeyExchange encrypted under the server's own RSA key, then
 * ChangeCipherSpec and a Finished that cannot verify. Only the padding of the encrypted premaster
 * secret differs: correct, wrong first bytes, no zero separator, a separator in the wrong place, a
 * wrong version inside. A server that answers all five alike gives no oracle; any difference (an
 * alert against a hang-up, or two different alerts) is one.
 */
final class RobotOracle {

    private static final TlsVersion[] BELOW_TLS13 = {TlsVersion.TLSv1_2, TlsVersion.TLSv1_1, TlsVersion.TLSv1_0};
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Variant { CORRECT, WRONG_FIRST_BYTES, NO_SEPARATOR, SEPARATOR_MISPLACED, WRONG_VERSION }

    private RobotOracle() {
    }

    static void probe(ProbeContext ctx, Connector connector) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        TlsVersion version = null;
        List<Integer> rsaSuites = List.of();
        for (TlsVersion v : BELOW_TLS13) {
            if (f.support(v) == Support.OFFERED) {
                List<Integer> rsa = f.accepted(v).stream().map(Findings.Accepted::suite)
                        .filter(code -> ctx.registry.byCode(code).map(RobotOracle::rsaTransport).orElse(false)).toList();
                if (!rsa.isEmpty()) {
                    version = v;
                    rsaSuites = rsa;
                    break;
                }
            }
        }
        if (version == null) {
            return;
        }
        RSAKeyParameters key = rsaKey(f.chain);
        if (key == null) {
            f.problem("ROBOT not tested: no RSA server key in the certificate read");
            return;
        }
        Map<Variant, String> answers = new LinkedHashMap<>();
        ClientHello hello = ctx.legacy(version, rsaSuites);
        for (Variant variant : Variant.values()) {
            String answer = answer(connector, hello, version, key, variant);
            if (answer == null) {
                f.problem("ROBOT not determined: the " + variant + " handshake did not reach ServerHelloDone");
                return;
            }
            answers.put(variant, answer);
        }
        String how = "five RSA ClientKeyExchange variants on " + version.label() + " -> " + answers;
        if (answers.values().stream().distinct().count() == 1) {
            f.tested("ROBOT", VulnStatus.NOT_VULNERABLE, "every padding variant answered alike (" + answers.get(Variant.CORRECT) + ")", how);
        } else if (answers.containsValue("timeout")) {
            // A slow answer to one variant may be the network, not an oracle.
            f.problem("ROBOT not determined: some variants timed out (" + answers + ")");
        } else {
            f.tested("ROBOT", VulnStatus.VULNERABLE, "the server answers malformed RSA padding differently: " + answers, how);
        }
    }

    static boolean rsaTransport(CipherSuite s) {
        return s.keyExchange().equals("RSA") && !s.export();
    }

    /** The server's answer after the key exchange: an alert name, "closed" or "timeout"; null when the handshake failed earlier. */
    private static String answer(Connector connector, ClientHello hello, TlsVersion version, RSAKeyParameters key, Variant variant)
            throws ProbeStop, StarttlsDialogue.NotOffered {
        Connection c;
        try {
            c = connector.open();
        } catch (StarttlsDialogue.NotOffered | ProbeStop e) {
            throw e;
        } catch (IOException e) {
            return null;
        }
        try (c) {
            int wire;
            try {
                wire = FirstFlight.read(c, hello, false, connector.limits().maxHandshakeBytes()).legacyVersion();
            } catch (TlsFormatException e) {
                return null;
            }
            byte[] encrypted = encrypt(key, pad(key, variant, version.wireValue()));
            byte[] cke = new ByteWriter().u8(Wire.CLIENT_KEY_EXCHANGE).u24(encrypted.length + 2)
                    .vector(2, v -> v.bytes(encrypted)).toByteArray();
            byte[] finished = new byte[40];
            RANDOM.nextBytes(finished);
            c.out().write(Wire.record(Wire.HANDSHAKE, wire, cke));
            c.out().write(Wire.record(Wire.CHANGE_CIPHER_SPEC, wire, new byte[] {1}));
            c.out().write(Wire.record(Wire.HANDSHAKE, wire, finished));
            c.out().flush();
            DataInputStream in = new DataInputStream(c.in());
            int type = in.readUnsignedByte();
            in.readUnsignedShort();
            int length = in.readUnsignedShort();
            if (type == Wire.ALERT && length >= 2) {
                in.readUnsignedByte();
                return "alert " + Wire.alertName(in.readUnsignedByte());
            }
            return "record type " + type;
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (EOFException | SocketException e) {
            return "closed";
        } catch (IOException e) {
            return null;
        }
    }

    /** PKCS#1 v1.5 block of the modulus' length holding a 48-byte premaster secret, spoilt as the variant says. */
    static byte[] pad(RSAKeyParameters key, Variant variant, int version) {
        int k = (key.getModulus().bitLength() + 7) / 8;
        byte[] block = new byte[k];
        block[0] = 0x00;
        block[1] = 0x02;
        for (int i = 2; i < k - 49; i++) {
            block[i] = (byte) (1 + RANDOM.nextInt(255));
        }
        block[k - 49] = 0x00;
        block[k - 48] = (byte) (version >> 8);
        block[k - 47] = (byte) version;
        for (int i = k - 46; i < k; i++) {
            block[i] = (byte) RANDOM.nextInt(256);
        }
        switch (variant) {
            case CORRECT -> { }
            case WRONG_FIRST_BYTES -> {
                block[0] = 0x41;
                block[1] = 0x17;
            }
            case NO_SEPARATOR -> block[k - 49] = 0x01;
            case SEPARATOR_MISPLACED -> {
                block[k - 49] = 0x01;
                block[k - 10] = 0x00;
            }
            case WRONG_VERSION -> {
                block[k - 48] = 0x02;
                block[k - 47] = 0x02;
            }
        }
        return block;
    }

    private static byte[] encrypt(RSAKeyParameters key, byte[] block) {
        BigInteger c = new BigInteger(1, block).modPow(key.getExponent(), key.getModulus());
        byte[] raw = c.toByteArray();
        int k = (key.getModulus().bitLength() + 7) / 8;
        byte[] out = new byte[k];
        // Left-pad (or drop the sign byte) to exactly the modulus length.
        int copy = Math.min(raw.length, k);
        System.arraycopy(raw, raw.length - copy, out, k - copy, copy);
        return out;
    }

    private static RSAKeyParameters rsaKey(List<byte[]> chain) {
        if (chain == null || chain.isEmpty()) {
            return null;
        }
        try {
            SubjectPublicKeyInfo spki = Certificate.getInstance(chain.get(0)).getSubjectPublicKeyInfo();
            return PublicKeyFactory.createKey(spki) instanceof RSAKeyParameters rsa && !rsa.isPrivate() ? rsa : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
