package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.tlsverdict.collect.ConcurrentScans;
import org.tlsverdict.collect.ScanAttempt;
import org.tlsverdict.facts.Transport;

/**
 * An MX certificate source for {@code check}: the MX endpoints are already being scanned side by
 * side with the other endpoints, so the DANE check waits for that scan and matches the chain it
 * read instead of connecting again. An MX that was not submitted (or whose runner kept no chain)
 * gets one connection of the fallback.
 */
public final class ScannedEndpoints implements MxCertificateSource {

    private final ConcurrentScans scans;
    private final MxCertificateSource fallback;

    public ScannedEndpoints(ConcurrentScans scans, MxCertificateSource fallback) {
        this.scans = scans;
        this.fallback = fallback;
    }

    @Override
    public List<byte[]> presentedChain(String host, InetAddress address, int port) throws IOException {
        ScanAttempt o = scans.await(ConcurrentScans.key(host, port, Transport.STARTTLS));
        if (o == null) {
            return fallback.presentedChain(host, address, port);
        }
        if (o.error() != null) {
            throw new IOException(o.error());
        }
        if (!o.result().presentedChain().isEmpty()) {
            return o.result().presentedChain();
        }
        return fallback.presentedChain(host, address, port);
    }
}
