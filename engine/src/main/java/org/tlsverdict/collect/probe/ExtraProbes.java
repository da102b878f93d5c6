package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;

/** The one-connection probes: SSLv2, TLS_FALLBACK_SCSV and the TLS 1.3 certificate chain. */
final class ExtraProbes {

    private ExtraProbes() {
    }

    static void sslv2(ProbeContext ctx, Connector connector) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        String how = "SSLv2 CLIENT-HELLO with " + Ssl2Hello.CIPHER_SPECS.length + " cipher specs -> ";
        Connection c = connector.openOrNote(f, "SSLv2 CLIENT-HELLO");
        if (c == null) {
            return;
        }
        try (c) {
            c.out().write(Ssl2Hello.encode());
            c.out().flush();
            Ssl2Hello.Answer a = Ssl2Hello.read(c.in());
            switch (a.kind()) {
                case SSL2_SERVER_HELLO -> {
                    if (a.cipherSpecs().isEmpty()) {
                        f.protocol(TlsVersion.SSLv2, Support.NOT_OFFERED, how + "SSLv2 answer without cipher specs");
                    } else {
                        f.protocol(TlsVersion.SSLv2, Support.OFFERED, how + "SERVER-HELLO with " + a.cipherSpecs().size() + " cipher specs");
                    }
                }
                case TLS_ANSWER -> f.protocol(TlsVersion.SSLv2, Support.NOT_OFFERED, how + "TLS record (no SSLv2)");
                case CLOSED -> {
                    if (f.speaksTls) {
                        f.protocol(TlsVersion.SSLv2, Support.NOT_OFFERED, how + "closed without answer");
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            f.problem(how + "no answer in time");
        } catch (java.net.SocketException e) {
            if (f.speaksTls) {
                f.protocol(TlsVersion.SSLv2, Support.NOT_OFFERED, how + "reset");
            }
        } catch (IOException e) {
            f.problem(how + e.getMessage());
        }
    }

    /**
     * RFC 7507: a hello below the best version, carrying TLS_FALLBACK_SCSV, must be refused with
     * inappropriate_fallback. Only meaningful with two versions to fall between.
     */
    static void fallbackScsv(ProbeContext ctx) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        List<TlsVersion> offered = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            if (v != TlsVersion.SSLv2 && f.support(v) == Support.OFFERED) {
                offered.add(v);
            }
        }
        if (offered.size() < 2) {
            return;
        }
        TlsVersion lower = offered.get(offered.size() - 2);
        if (lower == TlsVersion.TLSv1_3) {
            return;
        }
        ClientHello base = ctx.legacy(lower, ctx.legacySuites);
        ClientHello hello = new ClientHello(base.maxVersion(), base.minVersion(), base.suites(), base.groups(),
                base.serverName(), base.offerCompression(), true);
        Reply r = ctx.send(hello);
        if (r.kind() == Reply.Kind.REJECTED && r.alert() == Wire.ALERT_INAPPROPRIATE_FALLBACK) {
            f.feature("fallbackScsv", TriState.YES, r.describe());
        } else if (r.accepted()) {
            f.feature("fallbackScsv", TriState.NO, r.describe());
        } else {
            f.problem("fallback SCSV not determined: " + r.describe());
        }
    }

    /** TLS 1.3-only servers: one Bouncy Castle handshake for the (encrypted) certificate chain. */
    static void tls13Chain(ProbeContext ctx, Connector connector) throws ProbeStop, StarttlsDialogue.NotOffered {
        Findings f = ctx.findings;
        Connection c = connector.openOrNote(f, "TLS 1.3 certificate");
        if (c == null) {
            return;
        }
        try (c) {
            List<byte[]> chain = Tls13Chain.fetch(c, ctx.serverName);
            if (chain == null) {
                f.problem("TLS 1.3 certificate: the Bouncy Castle handshake did not reach the Certificate message");
            } else {
                f.chain = chain;
                f.chainHow = "Bouncy Castle TLS 1.3 handshake up to the Certificate message";
            }
        }
    }
}
