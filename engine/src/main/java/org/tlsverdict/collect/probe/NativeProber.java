package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanRunner.ScanProgress;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Transport;

/**
 * The native prober: collects the facts of one target with hand-built hellos, in this order:
 * versions (one hello per offered version plus one), SSLv2, the suites of every offered version
 * (one hello per accepted suite plus one) and its preference (one hello), TLS_FALLBACK_SCSV (one),
 * Heartbleed and CCS injection (one), client-initiated renegotiation (one), the ROBOT oracle (five,
 * only with RSA key transport), optionally the groups, and the certificate chain of TLS 1.3-only servers (one Bouncy Castle
 * handshake). Renegotiation, EMS, compression and the chain below TLS 1.3 come from the hellos
 * already made. When the scan stops early (deadline, budget, a server that keeps refusing), the
 * facts established so far are returned and the rest stays unknown.
 */
public final class NativeProber {

    /** Settings of one scan; {@code starttls} is the dialect spoken (NONE: TLS from the first byte). */
    public record Settings(int timeoutSeconds, int deadlineSeconds, double ratePerMinute, Starttls starttls, Path caFile,
                           boolean enumerateGroups) {
    }

    /**
     * The facts, the number of TCP connections, what could not be determined (one line each), and
     * the chain as presented (DER, leaf first; empty when none was read) for checks that need the
     * bytes, such as DANE.
     */
    public record Result(EndpointFacts facts, int connections, List<String> problems, List<byte[]> presentedChain) {
    }

    private static volatile ChainValidator systemTrust;

    private final CipherRegistry registry;

    public NativeProber(CipherRegistry registry) {
        this.registry = registry;
    }

    public Result probe(ScanTarget target, Settings settings, ScanProgress progress) throws ScanException {
        return probe(target, settings, ProbeLimits.of(settings.timeoutSeconds(), settings.deadlineSeconds(), settings.ratePerMinute()),
                progress);
    }

    /** With explicit limits (tests shorten the backoff). */
    Result probe(ScanTarget target, Settings settings, ProbeLimits limits, ScanProgress progress) throws ScanException {
        InetAddress address;
        try {
            // Resolved once: every connection goes to this one address.
            address = InetAddress.getByName(target.connectHost());
        } catch (UnknownHostException e) {
            throw new ScanException(target + ": cannot resolve " + target.connectHost());
        }
        // The system trust store takes a while to load: it loads while the probes run.
        java.util.concurrent.CompletableFuture<ChainValidator> trust = settings.caFile() != null
                ? java.util.concurrent.CompletableFuture.completedFuture(trust(target, settings.caFile()))
                : java.util.concurrent.CompletableFuture.supplyAsync(NativeProber::systemTrust);
        Connector connector = new Connector(new InetSocketAddress(address, target.port()), settings.starttls(), limits);
        Findings f = new Findings();
        String sni = isAddress(target.host()) ? null : target.host();
        ProbeContext ctx = new ProbeContext(new HelloExchange(connector, registry), f, registry, sni);
        Steps steps = new Steps(target, progress, connector);
        try {
            steps.next("protocol versions");
            VersionWalk.run(ctx);
            steps.next("SSLv2");
            ExtraProbes.sslv2(ctx, connector);
            for (TlsVersion v : new TlsVersion[] {TlsVersion.TLSv1_2, TlsVersion.TLSv1_1, TlsVersion.TLSv1_0, TlsVersion.SSLv3}) {
                if (f.support(v) == Support.OFFERED) {
                    steps.next(v + " suites");
                    SuiteEnumeration.legacy(ctx, v);
                }
            }
            if (f.support(TlsVersion.TLSv1_3) == Support.OFFERED) {
                steps.next("TLSv1.3 suites");
                SuiteEnumeration.tls13(ctx);
            }
            steps.next("fallback SCSV");
            ExtraProbes.fallbackScsv(ctx);
            steps.next("Heartbleed, CCS injection");
            EarlyRecords.probe(ctx, connector);
            steps.next("client renegotiation");
            ClientRenegotiation.probe(ctx, connector);
            steps.next("ROBOT");
            RobotOracle.probe(ctx, connector);
            if (settings.enumerateGroups()) {
                steps.next("groups");
                if (f.support(TlsVersion.TLSv1_3) == Support.OFFERED) {
                    GroupEnumeration.tls13(ctx);
                }
                for (TlsVersion v : new TlsVersion[] {TlsVersion.TLSv1_2, TlsVersion.TLSv1_1, TlsVersion.TLSv1_0}) {
                    if (f.support(v) == Support.OFFERED) {
                        GroupEnumeration.legacy(ctx, v);
                        break;
                    }
                }
            }
            if (f.chain == null && f.support(TlsVersion.TLSv1_3) == Support.OFFERED) {
                steps.next("TLSv1.3 certificate");
                ExtraProbes.tls13Chain(ctx, connector);
            }
            steps.next("certificate types");
            CertificateTypes.probe(ctx, connector);
        } catch (ProbeStop e) {
            f.problem("scan stopped: " + e.getMessage());
            if (connector.connections() == 0) {
                throw new ScanException(target + ": " + e.getMessage());
            }
        } catch (StarttlsDialogue.NotOffered e) {
            throw new ScanException(target + ": " + e.getMessage());
        }
        connector.events().forEach(ev -> f.problem("throttled: " + ev));
        steps.done();
        ChainValidator validator = trust.join();
        if (validator == null && f.chain != null) {
            f.problem("certificate trust not determined: the system trust store could not be read");
        }
        EndpointFacts facts = FactsAssembler.assemble(endpoint(target, address, settings.starttls()), f, registry, validator, target.host());
        return new Result(facts, connector.connections(), List.copyOf(f.problems), f.chain == null ? List.of() : List.copyOf(f.chain));
    }

    private static ChainValidator trust(ScanTarget target, Path caFile) throws ScanException {
        try {
            return ChainValidator.fromFile(caFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new ScanException(target + ": cannot read CA file " + caFile + ": " + e.getMessage());
        }
    }

    /** The JDK's trust anchors, loaded once per process; null (trust unknown) when unreadable. */
    private static ChainValidator systemTrust() {
        ChainValidator t = systemTrust;
        if (t == null) {
            synchronized (NativeProber.class) {
                if (systemTrust == null) {
                    try {
                        systemTrust = ChainValidator.system();
                    } catch (GeneralSecurityException e) {
                        return null;
                    }
                }
                t = systemTrust;
            }
        }
        return t;
    }

    /** The endpoint as scanned: a forced --starttls (or none) decides the transport recorded. */
    static Endpoint endpoint(ScanTarget target, InetAddress address, Starttls starttls) {
        Endpoint e = target.endpoint(address.getHostAddress());
        Transport scanned = starttls != null && starttls.negotiates() ? Transport.STARTTLS : Transport.IMPLICIT;
        return e.transport() == scanned ? e : new Endpoint(e.host(), e.ip(), e.port(), e.service(), scanned);
    }

    static boolean isAddress(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** Progress: one step per probe phase, connections so far in the label. */
    private static final class Steps {
        private static final int TOTAL = 8;
        private final ScanTarget target;
        private final ScanProgress progress;
        private final Connector connector;
        private int done;

        Steps(ScanTarget target, ScanProgress progress, Connector connector) {
            this.target = target;
            this.progress = progress == null ? ScanProgress.SILENT : progress;
            this.connector = connector;
        }

        void next(String what) {
            progress.step(target, what + " (" + connector.connections() + " connections)", Math.min(done++, TOTAL), TOTAL);
        }

        void done() {
            progress.step(target, "done (" + connector.connections() + " connections)", TOTAL, TOTAL);
        }
    }
}
