package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.collect.ScanAttempt;
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

    private final ScanRunner runner;
    private final ScanRunner.ScanOptions options;
    private final ScanRunner.ScanProgress progress;
    private final MxCertificateSource fallback;
    private final List<ScanAttempt> scans = new ArrayList<>();

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
        ScanAttempt attempt = ScanAttempt.run(runner, target, options, progress);
        scans.add(attempt);
        if (attempt.error() != null) {
            throw new IOException(attempt.error());
        }
        ScanRunner.ScanResult result = attempt.result();
        if (!result.presentedChain().isEmpty()) {
            return result.presentedChain();
        }
        return fallback.presentedChain(host, address, port);
    }

    /** The scans made so far, in order. */
    public List<ScanAttempt> scans() {
        return List.copyOf(scans);
    }
}
