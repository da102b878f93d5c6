package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * Where the DANE check gets the chain an MX presents. The collector resolves the MX through its
 * own resolver and hands over the address; the source only speaks SMTP and TLS. A source may be
 * the native prober (swap it in) or {@link StarttlsChainCapture}.
 */
public interface MxCertificateSource {

    /**
     * The presented chain, DER-encoded and leaf first, captured without judging trust; empty when
     * the server presented none. Throws with a one-line reason when no TLS session could be had
     * (connection refused, no STARTTLS, handshake failure).
     */
    List<byte[]> presentedChain(String host, InetAddress address, int port) throws IOException;
}
