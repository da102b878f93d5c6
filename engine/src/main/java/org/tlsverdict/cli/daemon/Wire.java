package org.tlsverdict.cli.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's protocol over its socket. The client sends a magic number, its key, a request kind
 * and for a run its console flag, the encodings of its stdout and stderr and its arguments; the
 * daemon answers with frames (a channel byte, a length, the bytes) that end with an exit frame.
 */
final class Wire {

    static final int MAGIC = 0x74767231;

    static final byte RUN = 'R';
    static final byte STATUS = 'S';
    static final byte STOP = 'Q';
    /**
     * As STATUS and STOP, answered whatever the key (daemon status --all, daemon stop --all): only
     * this user can reach the socket (the folder is closed to others), and neither runs anything.
     */
    static final byte STATUS_ANY = 's';
    static final byte STOP_ANY = 'q';
    /**
     * The daemon's key text, answered whatever the key, so that {@code daemon status} can say why a
     * daemon of this folder does not serve this run: only this user reaches the socket, and the key
     * holds nothing this user's own environment does not. A daemon of an older build refuses it.
     */
    static final byte KEY_ANY = 'k';

    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    /** The daemon serves another key: the client runs in-process. */
    static final byte REFUSED = 4;
    static final byte TEXT = 5;

    /** Far above any argument list or status line; a longer length means a broken stream. */
    private static final int MAX_STRING = 1 << 20;

    private Wire() {
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("daemon protocol: string of " + n + " bytes");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
