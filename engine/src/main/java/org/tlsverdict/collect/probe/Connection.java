package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One TCP connection to the target, past any STARTTLS dialogue, whose every read is bounded by a
 * deadline for the whole connection (not per read), so a server that drips one byte at a time
 * cannot hold the prober longer than the timeout.
 */
final class Connection implements AutoCloseable {

    private final Socket socket;
    private final long deadlineNanos;
    private final InputStream in;
    private final OutputStream out;

    Connection(Socket socket, long deadlineNanos) throws IOException {
        this.socket = socket;
        this.deadlineNanos = deadlineNanos;
        this.in = new DeadlineInput(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // The socket is being dropped anyway.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do about a failed close.
        }
    }

    private final class DeadlineInput extends InputStream {
        private final InputStream raw;

        DeadlineInput(InputStream raw) {
            this.raw = raw;
        }

        private void arm() throws IOException {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("connection timeout");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }

        @Override
        public int read() throws IOException {
            arm();
            return raw.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return raw.read(b, off, len);
        }
    }
}
