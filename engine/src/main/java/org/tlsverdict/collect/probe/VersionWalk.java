package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;

/**
 * Protocol versions with as few hellos as there are offered versions plus one: each hello offers
 * every suite up to a maximum version, the server answers with its best version at or below it,
 * which rules out every version in between; the next hello starts just below the answer. A
 * refusal rules out the maximum and everything below it. The first hello offers TLS 1.3 and all
 * lower versions together. Every accepted hello is also the first step of that version's suite
 * enumeration.
 */
final class VersionWalk {

    private static final TlsVersion[] DESCENDING = {TlsVersion.TLSv1_3, TlsVersion.TLSv1_2, TlsVersion.TLSv1_1,
            TlsVersion.TLSv1_0, TlsVersion.SSLv3};

    private VersionWalk() {
    }

    static void run(ProbeContext ctx) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        List<Integer> all = new ArrayList<>(Candidates.TLS13_SUITES);
        all.addAll(ctx.legacySuites);
        ClientHello combined = new ClientHello(0x0304, 0x0301, all, tls13Groups(), ctx.serverName, true, false);
        Reply first = ctx.send(combined);
        TlsVersion next = TlsVersion.TLSv1_2;
        if (first.accepted()) {
            TlsVersion v = versionOf(first.version());
            f.protocol(v, Support.OFFERED, first.describe());
            addFirstSuite(f, v, first);
            if (v != TlsVersion.TLSv1_3) {
                f.protocol(TlsVersion.TLSv1_3, Support.NOT_OFFERED, first.describe() + " (TLS 1.3 was offered)");
                ruleOutBetween(f, v, TlsVersion.TLSv1_2, first);
                next = below(v);
            }
        }
        while (next != null) {
            Reply r = ctx.send(ctx.legacy(next, ctx.legacySuites));
            if (r.accepted()) {
                TlsVersion v = versionOf(r.version());
                f.protocol(v, Support.OFFERED, r.describe());
                addFirstSuite(f, v, r);
                ruleOutBetween(f, v, next, r);
                next = below(v);
            } else if (r.refused(f.speaksTls)) {
                for (TlsVersion v : DESCENDING) {
                    if (v.rank() <= next.rank()) {
                        f.protocol(v, Support.NOT_OFFERED, r.describe());
                    }
                }
                next = null;
            } else {
                next = null;
            }
        }
        if (f.support(TlsVersion.TLSv1_3) == Support.UNKNOWN && f.speaksTls && first.kind() != Reply.Kind.TIMEOUT) {
            // The combined hello was refused or garbled: ask TLS 1.3 alone before concluding.
            Reply r = ctx.send(ctx.tls13(Candidates.TLS13_SUITES, Candidates.TLS13_GROUPS));
            if (r.accepted()) {
                f.protocol(TlsVersion.TLSv1_3, Support.OFFERED, r.describe());
                addFirstSuite(f, TlsVersion.TLSv1_3, r);
            } else if (r.refused(f.speaksTls)) {
                f.protocol(TlsVersion.TLSv1_3, Support.NOT_OFFERED, r.describe());
            }
        }
    }

    /** TLS 1.3 groups without the finite-field ones: the same hello may end in TLS 1.2, see {@link Candidates#LEGACY_GROUPS}. */
    static List<Integer> tls13Groups() {
        List<Integer> out = new ArrayList<>();
        for (int g : Candidates.TLS13_GROUPS) {
            if (!org.bouncycastle.tls.NamedGroup.isFiniteField(g)) {
                out.add(g);
            }
        }
        for (int g : Candidates.LEGACY_GROUPS) {
            if (!out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    private static void addFirstSuite(Findings f, TlsVersion v, Reply r) {
        f.addSuite(v, r);
        if (v == TlsVersion.TLSv1_3) {
            try {
                int g = r.hello().keyShareGroup();
                if (g >= 0 && !f.groups.computeIfAbsent(v, k -> new ArrayList<>()).contains(g)) {
                    f.groups.get(v).add(g);
                }
            } catch (TlsFormatException ignored) {
                // Checked when the reply was read.
            }
        }
    }

    /** The server chose {@code chosen} while {@code max} was allowed: the versions above {@code chosen} are not offered. */
    private static void ruleOutBetween(Findings f, TlsVersion chosen, TlsVersion max, Reply r) {
        for (TlsVersion v : DESCENDING) {
            if (v.rank() > chosen.rank() && v.rank() <= max.rank()) {
                f.protocol(v, Support.NOT_OFFERED, r.describe() + " (" + max + " allowed)");
            }
        }
    }

    static TlsVersion versionOf(int wire) {
        for (TlsVersion v : TlsVersion.values()) {
            if (v.wireValue() == wire) {
                return v;
            }
        }
        throw new IllegalArgumentException("version " + wire);
    }

    static TlsVersion below(TlsVersion v) {
        return switch (v) {
            case TLSv1_3 -> TlsVersion.TLSv1_2;
            case TLSv1_2 -> TlsVersion.TLSv1_1;
            case TLSv1_1 -> TlsVersion.TLSv1_0;
            case TLSv1_0 -> TlsVersion.SSLv3;
            default -> null;
        };
    }
}
