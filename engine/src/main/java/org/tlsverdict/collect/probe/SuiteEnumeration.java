package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.TlsVersion;

/**
 * Accepted suites of one version with one hello per accepted suite plus one: offer every
 * candidate not yet seen, record the server's pick, drop it, repeat until the server refuses.
 * When the server chooses, the picks come in its order of preference. One more hello offers
 * the accepted suites reversed: the server still picking its first means server preference (and
 * the list is its full order); picking our first means client preference.
 */
final class SuiteEnumeration {

    private SuiteEnumeration() {
    }

    static void legacy(ProbeContext ctx, TlsVersion v) throws ProbeStop, StarttlsDialogue.NotOffered {
        List<Integer> remaining = new ArrayList<>(ctx.legacySuites);
        enumerate(ctx, v, remaining, left -> ctx.legacy(v, left));
    }

    static void tls13(ProbeContext ctx) throws ProbeStop, StarttlsDialogue.NotOffered {
        List<Integer> remaining = new ArrayList<>(Candidates.TLS13_SUITES);
        enumerate(ctx, TlsVersion.TLSv1_3, remaining, left -> ctx.tls13(left, Candidates.TLS13_GROUPS));
    }

    private interface HelloShape {
        ClientHello with(List<Integer> suites);
    }

    private static void enumerate(ProbeContext ctx, TlsVersion v, List<Integer> remaining, HelloShape shape)
            throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        f.accepted(v).forEach(a -> remaining.remove(Integer.valueOf(a.suite())));
        while (true) {
            if (remaining.isEmpty()) {
                f.suitesComplete.put(v, true);
                break;
            }
            Reply r = ctx.send(shape.with(remaining));
            if (r.accepted() && r.version() == v.wireValue()) {
                f.addSuite(v, r);
                remaining.remove(Integer.valueOf(r.suite()));
            } else if (r.accepted() || r.refused(f.speaksTls)) {
                // No suite left for v (a lower version chosen instead counts as a refusal of v).
                f.suitesComplete.put(v, true);
                break;
            } else {
                f.problem(v + " suite enumeration stopped: " + r.describe());
                break;
            }
        }
        if (Boolean.TRUE.equals(f.suitesComplete.get(v)) && f.accepted(v).size() >= 2) {
            preference(ctx, v, shape);
        }
    }

    private static void preference(ProbeContext ctx, TlsVersion v, HelloShape shape) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        List<Integer> order = new ArrayList<>();
        f.accepted(v).forEach(a -> order.add(a.suite()));
        List<Integer> reversed = reverseAvoidingChaCha(order);
        if (reversed.get(0).equals(order.get(0))) {
            reversed = new ArrayList<>(order);
            java.util.Collections.reverse(reversed);
        }
        Reply r = ctx.send(shape.with(reversed));
        if (!r.accepted() || r.version() != v.wireValue()) {
            f.problem(v + " preference not determined: " + r.describe());
            return;
        }
        Preference p;
        if (r.suite() == order.get(0)) {
            p = Preference.SERVER;
        } else if (r.suite() == reversed.get(0)) {
            p = Preference.CLIENT;
        } else {
            f.problem(v + " preference not determined: picked neither the server's first nor ours");
            return;
        }
        f.preference.put(v, new Findings.Noted<>(p, "suites offered in two orders: first pick "
                + Wire.suiteHex(order.get(0)) + ", then " + r.describe()));
    }

    /**
     * The accepted suites reversed, ChaCha20 suites moved last: servers that prioritise ChaCha20
     * when the client lists it first would otherwise look like client preference.
     */
    static List<Integer> reverseAvoidingChaCha(List<Integer> order) {
        List<Integer> out = new ArrayList<>();
        List<Integer> chacha = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            int s = order.get(i);
            if (isChaCha(s)) {
                chacha.add(s);
            } else {
                out.add(s);
            }
        }
        out.addAll(chacha);
        return out;
    }

    private static boolean isChaCha(int suite) {
        return suite == 0x1303 || (suite >= 0xCCA8 && suite <= 0xCCAE) || (suite >= 0xCC13 && suite <= 0xCC15);
    }
}
