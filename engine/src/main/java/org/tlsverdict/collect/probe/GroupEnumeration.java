package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.TlsVersion;

/**
 * Named groups a server accepts, one hello per group plus one (a server names one group per
 * handshake): TLS 1.3 through the group a HelloRetryRequest asks for, TLS 1.2 and below through
 * the curve of the ServerKeyExchange when only ECDHE suites are offered. Each hello drops the
 * groups already named. Asked for with {@code --groups}: it costs connections.
 */
final class GroupEnumeration {

    private GroupEnumeration() {
    }

    static void tls13(ProbeContext ctx) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        List<Integer> found = f.groups.computeIfAbsent(TlsVersion.TLSv1_3, k -> new ArrayList<>());
        List<Integer> suites = new ArrayList<>();
        f.accepted(TlsVersion.TLSv1_3).forEach(a -> suites.add(a.suite()));
        run(ctx, TlsVersion.TLSv1_3, found, Candidates.TLS13_GROUPS, left -> ctx.tls13(suites, left));
    }

    /** ECDHE groups of {@code v} (below TLS 1.3), when an ECDHE suite was accepted there. */
    static void legacy(ProbeContext ctx, TlsVersion v) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        List<Integer> ecdhe = new ArrayList<>();
        List<Integer> found = new ArrayList<>();
        for (Findings.Accepted a : f.accepted(v)) {
            CipherSuite s = ctx.registry.byCode(a.suite()).orElse(null);
            if (s != null && s.keyExchange().equals("ECDHE")) {
                ecdhe.add(a.suite());
                if (a.keyExchange() != null && a.keyExchange().group() >= 0 && !found.contains(a.keyExchange().group())) {
                    found.add(a.keyExchange().group());
                }
            }
        }
        if (ecdhe.isEmpty()) {
            return;
        }
        f.groups.put(v, found);
        run(ctx, v, found, Candidates.LEGACY_GROUPS, left -> ctx.legacy(v, ecdhe, left));
    }

    private interface Shape {
        ClientHello with(List<Integer> groups);
    }

    private static void run(ProbeContext ctx, TlsVersion v, List<Integer> found, List<Integer> candidates, Shape shape)
            throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        String last = null;
        while (true) {
            List<Integer> left = new ArrayList<>(candidates);
            left.removeAll(found);
            if (left.isEmpty()) {
                f.groupsComplete.put(v, last == null ? "every candidate group accepted" : last);
                return;
            }
            Reply r = ctx.send(shape.with(left));
            int group = groupOf(r);
            if (r.accepted() && r.version() == v.wireValue() && group >= 0 && !found.contains(group)) {
                found.add(group);
                last = r.describe();
            } else if (r.refused(f.speaksTls) || (r.accepted() && r.version() != v.wireValue())) {
                f.groupsComplete.put(v, "groups named one per hello until " + r.describe());
                return;
            } else {
                f.problem(v + " group enumeration stopped: " + r.describe());
                return;
            }
        }
    }

    private static int groupOf(Reply r) {
        if (!r.accepted()) {
            return -1;
        }
        if (r.version() >= 0x0304) {
            try {
                return r.hello().keyShareGroup();
            } catch (TlsFormatException e) {
                return -1;
            }
        }
        return r.keyExchange() == null ? -1 : r.keyExchange().group();
    }
}
