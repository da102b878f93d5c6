package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;

/**
 * An MX certificate source that scans each MX with a {@link ScanRunner} at the address the domain
 * collector resolved, so one scan gives both the endpoint facts and the chain the DANE check
 * matches. A runner that does not keep the presented bytes (the external scanners) is followed by
 * one {@link StarttlsChainCapture} connection for the chain.
 */
public final class ScannedMx implements MxCertificateSource {

    /** One MX scan: the result, or the one-line reason there is none. */
    public record Scan(ScanTarget target, ScanRunner.ScanResult result, String error, double seconds) {
    }

    private final ScanRunner runner;
    private final ScanRunner.ScanOptions options;
    private final ScanRunner.ScanProgress progress;
    private final MxCertificateSource fallback;
    private final List<Scan> scans = new ArrayList<>();

    public ScannedMx(ScanRunner runner, ScanRunner.ScanOptions options, ScanRunner.ScanProgress progress,
                     MxCertificateSource fallback) {
        this.runner = runner;
        this.options = options;
        this.progress = progress;
        this.fallback = fallback;
    }

    @Override
    public List<byte[]> presentedChain(String host, InetAddress address, int port) throws IOException {
        ScanTarget target = new ScanTarget(host, port, Service.SMTP, Transport.STARTTLS).at(address.getHostAddress());
        long start = System.nanoTime();
        ScanRunner.ScanResult result;
        try {
            result = runner.scan(target, options, progress);
        } catch (ScanException | RuntimeException e) {
            String message = e instanceof ScanException ? e.getMessage() : target + ": " + e;
            scans.add(new Scan(target, null, message, seconds(start)));
            throw new IOException(message, e);
        }
        scans.add(new Scan(target, result, null, seconds(start)));
        if (!result.presentedChain().isEmpty()) {
            return result.presentedChain();
        }
        return fallback.presentedChain(host, address, port);
    }

    /** The scans made so far, in order. */
    public List<Scan> scans() {
        return List.copyOf(scans);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
