package org.tlsverdict.cli.daemon;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** One of the client's two streams, inside the daemon: each write becomes one frame on the socket. */
final class FrameOutput extends OutputStream {

    private final DataOutputStream socket;
    private final byte channel;
    private long written;

    FrameOutput(DataOutputStream socket, byte channel) {
        this.socket = socket;
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        synchronized (socket) {
            written += len;
            socket.writeByte(channel);
            socket.writeInt(len);
            socket.write(b, off, len);
            socket.flush();
        }
    }

    /** Bytes written so far, whether or not the client still reads them. */
    long written() {
        synchronized (socket) {
            return written;
        }
    }
}
