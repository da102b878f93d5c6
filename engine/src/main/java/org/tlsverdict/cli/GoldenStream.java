package org.tlsverdict.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a report written in pieces with its golden file as the pieces come, without holding
 * either in memory: the golden's head (up to its first result) is read first and compared last,
 * when the fresh head (which carries the summary of all results) is known; the results are
 * compared piece by piece as they are written. Only when they differ is the fresh report kept
 * (in a temporary file), for {@code --update} and for explaining the change.
 */
final class GoldenStream implements AutoCloseable {

    /** Where the results begin in a JSON report (see {@link org.tlsverdict.report.JsonReportStream}). */
    private static final byte[] RESULTS = "\"results\" : [ ".getBytes(StandardCharsets.UTF_8);
    /** A golden whose results do not begin within this many bytes is not a report of ours. */
    private static final int MAX_HEAD = 1 << 20;

    private final Path golden;
    private final boolean exists;
    private InputStream in;
    private byte[] goldenHead;
    private long matched;
    private boolean differs;
    private Path spill;
    private OutputStream spillOut;
    private final byte[] buffer = new byte[1 << 16];
    private byte[] head;

    GoldenStream(Path golden) throws IOException {
        this.golden = golden;
        this.exists = Files.isRegularFile(golden);
        if (exists) {
            in = new BufferedInputStream(Files.newInputStream(golden), 1 << 16);
            goldenHead = readHead(in);
        }
        differs = !exists || goldenHead == null;
        if (differs) {
            startSpill();
        }
    }

    boolean goldenExists() {
        return exists;
    }

    private static byte[] readHead(InputStream r) throws IOException {
        byte[] head = new byte[4096];
        int size = 0;
        int c;
        while (size < MAX_HEAD && (c = r.read()) >= 0) {
            if (size == head.length) {
                head = Arrays.copyOf(head, head.length * 2);
            }
            head[size++] = (byte) c;
            if (size >= RESULTS.length && Arrays.equals(head, size - RESULTS.length, size, RESULTS, 0, RESULTS.length)) {
                return Arrays.copyOf(head, size);
            }
        }
        return null;
    }

    /** The next piece (UTF-8) of the results part of the fresh report. */
    void write(byte[] piece) throws IOException {
        if (!differs) {
            if (equalsNext(piece)) {
                matched += piece.length;
                return;
            }
            differs = true;
            startSpill();
        }
        spillOut.write(piece);
    }

    /** Whether the golden's next bytes are {@code piece}; consumes them. */
    private boolean equalsNext(byte[] piece) throws IOException {
        int at = 0;
        while (at < piece.length) {
            int n = in.readNBytes(buffer, 0, Math.min(buffer.length, piece.length - at));
            if (n <= 0 || Arrays.mismatch(buffer, 0, n, piece, at, at + n) >= 0) {
                return false;
            }
            at += n;
        }
        return true;
    }

    /** Keeps the fresh results from here on, starting with the part that matched the golden so far. */
    private void startSpill() throws IOException {
        spill = Files.createTempFile("tlsverdict-golden", ".part");
        spillOut = new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16);
        if (matched > 0) {
            try (InputStream again = Files.newInputStream(golden)) {
                again.skipNBytes(goldenHead.length);
                long left = matched;
                while (left > 0) {
                    int n = again.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException(golden + ": changed while it was read");
                    }
                    spillOut.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
    }

    /** Ends the fresh report with its head and tail; true when it equals the golden. */
    boolean finish(String freshHead, String tail) throws IOException {
        byte[] h = freshHead.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        if (!differs) {
            if (equalsNext(t) && in.read() < 0 && Arrays.equals(h, goldenHead)) {
                return true;
            }
            differs = true;
            startSpill();
        }
        spillOut.write(t);
        spillOut.close();
        this.head = h;
        return false;
    }

    /** The fresh report, after {@link #finish} said it differs. */
    String fresh() throws IOException {
        return new String(head, StandardCharsets.UTF_8) + Files.readString(spill, StandardCharsets.UTF_8);
    }

    /**
     * Writes the fresh report to the golden file, after {@link #finish} said it differs: written
     * beside it, then moved into place, so a reader never sees half a golden. A new golden gets the
     * mode any new file of the user gets (the umask: goldens are shared in repositories and read by
     * others), an existing one keeps its own; a temporary file would have been private.
     */
    void writeGolden() throws IOException {
        Files.createDirectories(golden.getParent());
        Path tmp = golden.resolveSibling("." + golden.getFileName() + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (Files.exists(golden) && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(golden));
        }
        try {
            try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 InputStream r = Files.newInputStream(spill)) {
                w.write(head);
                r.transferTo(w);
            }
            Files.move(tmp, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
        if (spillOut != null) {
            spillOut.close();
        }
        if (spill != null) {
            Files.deleteIfExists(spill);
        }
    }
}
