package org.tlsverdict.collect.probe;

import java.util.Arrays;

/** Bounded big-endian reader: every read past the end is a {@link TlsFormatException}, never an index error. */
final class ByteReader {

    private final byte[] data;
    private final int end;
    private int pos;
    private final String what;

    ByteReader(byte[] data, String what) {
        this(data, 0, data.length, what);
    }

    private ByteReader(byte[] data, int from, int to, String what) {
        this.data = data;
        this.pos = from;
        this.end = to;
        this.what = what;
    }

    int u8() throws TlsFormatException {
        need(1);
        return data[pos++] & 0xFF;
    }

    int u16() throws TlsFormatException {
        return (u8() << 8) | u8();
    }

    int u24() throws TlsFormatException {
        return (u8() << 16) | u16();
    }

    byte[] bytes(int n) throws TlsFormatException {
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** The next {@code n} bytes as their own reader; this one skips past them. */
    ByteReader sub(int n, String part) throws TlsFormatException {
        need(n);
        ByteReader r = new ByteReader(data, pos, pos + n, what + " " + part);
        pos += n;
        return r;
    }

    int remaining() {
        return end - pos;
    }

    boolean hasMore() {
        return pos < end;
    }

    void expectEnd() throws TlsFormatException {
        if (pos != end) {
            throw new TlsFormatException(what + ": " + (end - pos) + " unexpected trailing bytes");
        }
    }

    private void need(int n) throws TlsFormatException {
        if (n < 0 || end - pos < n) {
            throw new TlsFormatException(what + ": truncated (needs " + n + " bytes, " + (end - pos) + " left)");
        }
    }
}
