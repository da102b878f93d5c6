package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.VulnStatus;

/**
 * What the probes of one target have established so far, each with the probe that established
 * it. Probes only add; a scan that stops early keeps everything here. A version's suite list or
 * group list counts only once its enumeration ended with a refusal ({@code complete}).
 */
final class Findings {

    /** A fact and the one-line description of the probe behind it. */
    record Noted<T>(T value, String how) {
    }

    /** One accepted suite: code point, key exchange seen (or null), probe. */
    record Accepted(int suite, KeyExchange keyExchange, String how) {
    }

    final Map<TlsVersion, Noted<Support>> protocols = new EnumMap<>(TlsVersion.class);
    final Map<TlsVersion, List<Accepted>> suites = new EnumMap<>(TlsVersion.class);
    final Map<TlsVersion, Boolean> suitesComplete = new EnumMap<>(TlsVersion.class);
    final Map<TlsVersion, Noted<Preference>> preference = new EnumMap<>(TlsVersion.class);
    final Map<TlsVersion, List<Integer>> groups = new EnumMap<>(TlsVersion.class);
    final Map<TlsVersion, String> groupsComplete = new EnumMap<>(TlsVersion.class);
    final Map<String, Noted<TriState>> features = new LinkedHashMap<>();
    List<byte[]> chain;
    String chainHow;
    /** Chains of other certificate types the server also holds (an RSA one beside ECDSA), each with its probe. */
    final List<Chain> moreChains = new ArrayList<>();

    /** One more certificate chain (DER, leaf first) and the probe that got it. */
    record Chain(List<byte[]> der, String how) {
    }
    /** The server answered at least one hello with TLS (a ServerHello or an alert): silence can then mean refusal. */
    boolean speaksTls;
    final List<String> problems = new ArrayList<>();
    /** Vulnerability tests run on the wire (Heartbleed, CCS, client renegotiation, ROBOT), by testssl.sh-style name. */
    final Map<String, Tested> tested = new LinkedHashMap<>();

    /** The result of one active vulnerability test: status, a one-line detail, and the probe behind it. */
    record Tested(VulnStatus status, String detail, String how) {
    }

    void tested(String name, VulnStatus status, String detail, String how) {
        tested.putIfAbsent(name, new Tested(status, detail, how));
    }

    void protocol(TlsVersion v, Support s, String how) {
        Noted<Support> prev = protocols.get(v);
        // An observed "offered" is never overwritten; "unknown" never replaces a conclusion.
        if (prev != null && (prev.value() == Support.OFFERED || s == Support.UNKNOWN)) {
            return;
        }
        protocols.put(v, new Noted<>(s, how));
    }

    Support support(TlsVersion v) {
        Noted<Support> n = protocols.get(v);
        return n == null ? Support.UNKNOWN : n.value();
    }

    List<Accepted> accepted(TlsVersion v) {
        return suites.computeIfAbsent(v, k -> new ArrayList<>());
    }

    boolean hasSuite(TlsVersion v, int suite) {
        return accepted(v).stream().anyMatch(a -> a.suite() == suite);
    }

    void addSuite(TlsVersion v, Reply r) {
        if (!hasSuite(v, r.suite())) {
            accepted(v).add(new Accepted(r.suite(), r.keyExchange(), r.describe()));
        }
    }

    void feature(String name, TriState value, String how) {
        features.putIfAbsent(name, new Noted<>(value, how));
    }

    void problem(String text) {
        if (!problems.contains(text)) {
            problems.add(text);
        }
    }
}
