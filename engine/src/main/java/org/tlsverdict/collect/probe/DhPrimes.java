package org.tlsverdict.collect.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a DHE prime apart: an RFC 7919 named group, a widely shared ("common", the Logjam concern)
 * prime, or a custom one. The list is {@code dh-primes.tsv}, made by {@code DhPrimeListGenerator}.
 */
public final class DhPrimes {

    public static final String RESOURCE = "/org/tlsverdict/collect/probe/dh-primes.tsv";

    /** One known prime: its SHA-256, size, kind (rfc7919 or common) and name. */
    public record Known(String sha256, int bits, String kind, String name) {
    }

    /** How a prime was classified: {@code dhPrime} is rfc7919, common or custom; {@code group} the name facts carry. */
    public record Classification(String dhPrime, String group) {
    }

    private static volatile Map<String, Known> known;

    private DhPrimes() {
    }

    public static Classification classify(BigInteger prime) {
        Known k = table().get(hash(prime));
        if (k == null) {
            return new Classification("custom", "custom");
        }
        return new Classification(k.kind(), k.name());
    }

    public static Optional<Known> lookup(BigInteger prime) {
        return Optional.ofNullable(table().get(hash(prime)));
    }

    public static String hash(BigInteger prime) {
        byte[] bytes = prime.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, skip, bytes.length - skip);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Known> table() {
        Map<String, Known> t = known;
        if (t == null) {
            synchronized (DhPrimes.class) {
                if (known == null) {
                    known = load();
                }
                t = known;
            }
        }
        return t;
    }

    private static Map<String, Known> load() {
        Map<String, Known> out = new HashMap<>();
        try (InputStream in = DhPrimes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("DH prime list " + RESOURCE + " missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("sha256\t")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.putIfAbsent(f[0], new Known(f[0], Integer.parseInt(f[1]), f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
