package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 section 3.3 asks:
 * a PKIX-valid certificate for the host, HTTP 200 only, media type text/plain and a size limit
 * (see {@link HttpsFetcher}).
 */
final class PolicyFetcher {

    static final int MAX_POLICY_BYTES = 64 * 1024;
    static final String PATH = "/.well-known/mta-sts.txt";
    static final HttpsFetcher.Document POLICY = new HttpsFetcher.Document("policy", List.of("text/plain"), MAX_POLICY_BYTES);

    /** The policy text, or why none could be had. {@code url} is what was asked, for provenance. */
    record Result(String text, String problem, String url) {
        static Result of(HttpsFetcher.Result r) {
            return new Result(r.text(), r.problem(), r.url());
        }
    }

    private final HttpsFetcher https;
    private final int port;

    PolicyFetcher(X509TrustManager trust, int timeoutMillis, int port) {
        this.https = new HttpsFetcher(trust, timeoutMillis);
        this.port = port;
    }

    Result fetch(String host, InetAddress address) {
        return Result.of(https.fetch(host, address, port, PATH, POLICY));
    }

    static Result read(InputStream in, String url) throws IOException {
        return Result.of(HttpsFetcher.read(in, url, POLICY));
    }

    static String rootMessage(Throwable e) {
        return HttpsFetcher.rootMessage(e);
    }
}
