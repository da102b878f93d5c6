package org.tlsverdict.collect.probe;

import java.util.Arrays;
import java.util.function.Consumer;

/** Big-endian writer for TLS structures, with length-prefixed vectors filled in afterwards. */
final class ByteWriter {

    private byte[] buf = new byte[512];
    private int len;

    ByteWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    ByteWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    ByteWriter u24(int v) {
        return u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    ByteWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /** A vector whose length prefix ({@code prefixBytes} 1, 2 or 3 long) is the size of what {@code body} writes. */
    ByteWriter vector(int prefixBytes, Consumer<ByteWriter> body) {
        int at = len;
        for (int i = 0; i < prefixBytes; i++) {
            u8(0);
        }
        body.accept(this);
        int size = len - at - prefixBytes;
        if (size >= 1 << (8 * prefixBytes)) {
            throw new IllegalArgumentException("vector of " + size + " bytes does not fit a " + prefixBytes + "-byte length");
        }
        for (int i = 0; i < prefixBytes; i++) {
            buf[at + i] = (byte) (size >>> (8 * (prefixBytes - 1 - i)));
        }
        return this;
    }

    int length() {
        return len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
