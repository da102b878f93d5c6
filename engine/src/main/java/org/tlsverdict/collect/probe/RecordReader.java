package org.tlsverdict.collect.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Reads the server's TLS records and hands out whole handshake messages (reassembled across
 * records, split when several share one) and alerts. Everything is bounded: a record may not
 * exceed 2^14 + 2048 bytes and the handshake bytes of one connection not {@code maxHandshakeBytes},
 * so a server that floods is cut off instead of filling memory.
 */
final class RecordReader {

    /** One message from the server: a handshake message (type, body) or an alert (level, description). */
    record Message(int contentType, int type, byte[] body) {

        boolean isAlert() {
            return contentType == Wire.ALERT;
        }

        int alertLevel() {
            return body.length > 0 ? body[0] & 0xFF : 0;
        }

        int alertDescription() {
            return body.length > 1 ? body[1] & 0xFF : -1;
        }
    }

    /** The server sent more handshake data than the limit allows (e.g. an absurd certificate chain). */
    static final class TooLargeException extends TlsFormatException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private static final int MAX_RECORD = (1 << 14) + 2048;

    private final InputStream in;
    private final int maxHandshakeBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Deque<Message> ready = new ArrayDeque<>();
    private int handshakeBytes;
    private int bytesRead;

    RecordReader(InputStream in, int maxHandshakeBytes) {
        this.in = in;
        this.maxHandshakeBytes = maxHandshakeBytes;
    }

    /** Bytes received so far; 0 means the server has sent nothing. */
    int bytesRead() {
        return bytesRead;
    }

    Message next() throws IOException {
        while (ready.isEmpty()) {
            readRecord();
        }
        return ready.poll();
    }

    private void readRecord() throws IOException {
        byte[] header = readFully(5);
        int type = header[0] & 0xFF;
        int major = header[1] & 0xFF;
        int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        if (type < Wire.CHANGE_CIPHER_SPEC || type > Wire.APPLICATION_DATA || major != 3) {
            throw new TlsFormatException(String.format("not a TLS record (starts %02X %02X %02X)", header[0], header[1], header[2]));
        }
        if (length == 0 || length > MAX_RECORD) {
            throw new TlsFormatException("TLS record of " + length + " bytes");
        }
        byte[] body = readFully(length);
        switch (type) {
            case Wire.HANDSHAKE -> {
                handshakeBytes += length;
                if (handshakeBytes > maxHandshakeBytes) {
                    throw new TooLargeException("more than " + maxHandshakeBytes + " bytes of handshake messages");
                }
                pending.write(body, 0, body.length);
                splitHandshake();
            }
            case Wire.ALERT -> {
                if (pending.size() > 0) {
                    throw new TlsFormatException("alert inside a fragmented handshake message");
                }
                for (int i = 0; i + 1 < body.length; i += 2) {
                    ready.add(new Message(Wire.ALERT, -1, new byte[] {body[i], body[i + 1]}));
                }
                if (body.length % 2 != 0) {
                    throw new TlsFormatException("alert record of " + body.length + " bytes");
                }
            }
            case Wire.CHANGE_CIPHER_SPEC -> {
                // TLS 1.3 middlebox compatibility: a ChangeCipherSpec may follow ServerHello; nothing to learn.
            }
            default -> ready.add(new Message(Wire.APPLICATION_DATA, -1, body));
        }
    }

    private void splitHandshake() throws TlsFormatException {
        byte[] buf = pending.toByteArray();
        int pos = 0;
        while (buf.length - pos >= 4) {
            int len = ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
            if (len > maxHandshakeBytes) {
                throw new TooLargeException("handshake message of " + len + " bytes");
            }
            if (buf.length - pos - 4 < len) {
                break;
            }
            ready.add(new Message(Wire.HANDSHAKE, buf[pos] & 0xFF, Arrays.copyOfRange(buf, pos + 4, pos + 4 + len)));
            pos += 4 + len;
        }
        pending.reset();
        pending.write(buf, pos, buf.length - pos);
    }

    private byte[] readFully(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(out, got, n - got);
            if (r < 0) {
                throw new EOFException(got == 0 && bytesRead == 0 ? "closed without answer" : "closed mid-record");
            }
            got += r;
            bytesRead += r;
        }
        return out;
    }
}
