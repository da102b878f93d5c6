package org.tlsverdict.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
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
    private static final String RESULTS = "\"results\" : [ ";
    /** A golden whose results do not begin within this many characters is not a report of ours. */
    private static final int MAX_HEAD = 1 << 20;

    private final Path golden;
    private final boolean exists;
    private Reader reader;
    private String goldenHead;
    private long matched;
    private boolean differs;
    private Path spill;
    private Writer spillWriter;
    private final char[] buffer = new char[8192];

    GoldenStream(Path golden) throws IOException {
        this.golden = golden;
        this.exists = Files.isRegularFile(golden);
        if (exists) {
            reader = Files.newBufferedReader(golden, StandardCharsets.UTF_8);
            goldenHead = readHead(reader);
        }
        differs = !exists || goldenHead == null;
        if (differs) {
            startSpill();
        }
    }

    boolean goldenExists() {
        return exists;
    }

    private static String readHead(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while (sb.length() < MAX_HEAD && (c = r.read()) >= 0) {
            sb.append((char) c);
            if (c == ' ' && sb.length() >= RESULTS.length() && sb.substring(sb.length() - RESULTS.length()).equals(RESULTS)) {
                return sb.toString();
            }
        }
        return null;
    }

    /** The next piece of the results part of the fresh report. */
    void write(String piece) throws IOException {
        if (!differs) {
            if (equalsNext(piece)) {
                matched += piece.length();
                return;
            }
            differs = true;
            startSpill();
        }
        spillWriter.write(piece);
    }

    /** Whether the golden's next characters are {@code piece}; consumes them. */
    private boolean equalsNext(String piece) throws IOException {
        int at = 0;
        while (at < piece.length()) {
            int n = reader.read(buffer, 0, Math.min(buffer.length, piece.length() - at));
            if (n < 0) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] != piece.charAt(at + i)) {
                    return false;
                }
            }
            at += n;
        }
        return true;
    }

    /** Keeps the fresh results from here on, starting with the part that matched the golden so far. */
    private void startSpill() throws IOException {
        spill = Files.createTempFile("tlsverdict-golden", ".part");
        spillWriter = Files.newBufferedWriter(spill, StandardCharsets.UTF_8);
        if (matched > 0) {
            try (Reader again = Files.newBufferedReader(golden, StandardCharsets.UTF_8)) {
                again.skip(goldenHead.length());
                long left = matched;
                while (left > 0) {
                    int n = again.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException(golden + ": changed while it was read");
                    }
                    spillWriter.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
    }

    /** Ends the fresh report with its head and tail; true when it equals the golden. */
    boolean finish(String head, String tail) throws IOException {
        if (!differs) {
            boolean same = equalsNext(tail) && reader.read() < 0 && head.equals(goldenHead);
            if (same) {
                return true;
            }
            differs = true;
            startSpill();
        }
        spillWriter.write(tail);
        spillWriter.close();
        this.head = head;
        return false;
    }

    private String head;

    /** The fresh report, after {@link #finish} said it differs. */
    String fresh() throws IOException {
        return head + Files.readString(spill, StandardCharsets.UTF_8);
    }

    /** Writes the fresh report to the golden file, after {@link #finish} said it differs. */
    void writeGolden() throws IOException {
        Files.createDirectories(golden.getParent());
        Path tmp = Files.createTempFile(golden.getParent(), "." + golden.getFileName(), ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             BufferedReader r = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
            w.write(head);
            r.transferTo(w);
        }
        Files.move(tmp, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        if (spillWriter != null) {
            spillWriter.close();
        }
        if (spill != null) {
            Files.deleteIfExists(spill);
        }
    }
}
