package org.tlsverdict.collect.dns;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches one small document over HTTPS the careful way RFC 8461 section 3.3 asks for the MTA-STS
 * policy, and that the autoconfig documents of a mail provider deserve as much: a PKIX-valid
 * certificate for the host, HTTP 200 only (redirects are not followed), an expected media type, a
 * size limit and a time limit for the whole response. It connects to the address the caller
 * resolved through the chosen resolver, never through the system's name resolution. Plain
 * HTTP/1.1 over one TLS socket.
 */
final class HttpsFetcher {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** What is fetched: how messages name it, the media types accepted and the size limit. */
    record Document(String noun, List<String> mediaTypes, int maxBytes) {
    }

    /** The document text, or why none could be had. {@code url} is what was asked, for provenance. */
    record Result(String text, String problem, String url) {
    }

    private final X509TrustManager trust;
    private final int timeoutMillis;

    HttpsFetcher(X509TrustManager trust, int timeoutMillis) {
        this.trust = trust;
        this.timeoutMillis = timeoutMillis;
    }

    /** GET {@code pathAndQuery} from {@code host} at {@code address}; {@code url} names the request in messages. */
    Result fetch(String host, InetAddress address, int port, String pathAndQuery, Document doc) {
        String url = "https://" + host + (port == 443 ? "" : ":" + port) + pathAndQuery;
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), timeoutMillis);
            raw.setSoTimeout(timeoutMillis);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true)) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                try {
                    tls.startHandshake();
                } catch (SSLException e) {
                    return new Result(null, "HTTPS certificate of " + host + " not accepted: " + rootMessage(e), url);
                }
                OutputStream out = tls.getOutputStream();
                out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: tlsverdict\r\n"
                        + "Accept: " + String.join(", ", doc.mediaTypes()) + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // A server that trickles bytes would keep every read under the socket timeout: the whole response gets one limit.
                return read(new Deadline(tls.getInputStream(), System.nanoTime() + timeoutMillis * 1_000_000L, timeoutMillis), url, doc);
            }
        } catch (GeneralSecurityException e) {
            return new Result(null, "TLS setup failed: " + e.getMessage(), url);
        } catch (IOException e) {
            return new Result(null, "fetching " + url + " failed: " + rootMessage(e), url);
        }
    }

    static Result read(InputStream in, String url, Document doc) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            return new Result(null, "not an HTTP/1.x response: \"" + TxtFields.printable(lines[0]) + "\"", url);
        }
        String contentType = null;
        String location = null;
        Long length = null;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "location" -> location = value;
                case "content-length" -> length = value.matches("[0-9]{1,12}") ? Long.valueOf(value) : -1L;
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        if (!status[1].equals("200")) {
            if (status[1].startsWith("3")) {
                return new Result(null, "HTTP " + status[1] + " redirect" + (location == null ? "" : " to " + location)
                        + " (RFC 8461: redirects are not followed)", url);
            }
            return new Result(null, "HTTP " + status[1] + " (only 200 is accepted)", url);
        }
        String mediaType = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType == null || !doc.mediaTypes().contains(mediaType)) {
            return new Result(null, "content type is " + (contentType == null ? "missing" : "\"" + contentType + "\"")
                    + ", not " + String.join(" or ", doc.mediaTypes()), url);
        }
        if (length != null && (length < 0 || length > doc.maxBytes())) {
            return new Result(null, doc.noun() + " is larger than " + doc.maxBytes() + " bytes (Content-Length " + length + ")", url);
        }
        byte[] body = chunked ? readChunked(in, doc.maxBytes()) : readBody(in, length, doc.maxBytes());
        if (body == null) {
            return new Result(null, doc.noun() + " is larger than " + doc.maxBytes() + " bytes", url);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            return new Result(text, null, url);
        } catch (CharacterCodingException e) {
            return new Result(null, doc.noun() + " is not valid UTF-8", url);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the HTTP header");
            }
            buf.write(b);
            if (buf.size() > MAX_HEADER_BYTES) {
                throw new IOException("HTTP header larger than " + MAX_HEADER_BYTES + " bytes");
            }
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Up to the limit; null when the body is larger. */
    private static byte[] readBody(InputStream in, Long length, int max) throws IOException {
        long want = length == null ? max + 1L : length;
        byte[] body = in.readNBytes((int) Math.min(want, max + 1L));
        if (body.length > max) {
            return null;
        }
        if (length != null && body.length < length) {
            throw new IOException("connection closed after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, int max) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            String hex = sizeLine.split(";")[0].trim();
            if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
                throw new IOException("bad chunk size \"" + TxtFields.printable(sizeLine) + "\"");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                return body.toByteArray();
            }
            if (body.size() + size > max) {
                return null;
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
            if (sb.length() > 1024) {
                throw new IOException("line too long in chunked body");
            }
        }
        if (b < 0) {
            throw new IOException("connection closed inside the chunked body");
        }
        return sb.toString();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    /** Fails a read once the response has taken longer than its time limit. */
    private static final class Deadline extends FilterInputStream {
        private final long deadline;
        private final int limitMillis;

        Deadline(InputStream in, long deadline, int limitMillis) {
            super(in);
            this.deadline = deadline;
            this.limitMillis = limitMillis;
        }

        private void check() throws IOException {
            if (System.nanoTime() > deadline) {
                throw new IOException("response took longer than " + limitMillis / 1000.0 + " s");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }
    }
}
