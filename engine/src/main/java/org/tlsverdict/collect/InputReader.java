package org.tlsverdict.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.tlsverdict.collect.importer.NmapTextImporter;
import org.tlsverdict.collect.importer.NmapXmlImporter;
import org.tlsverdict.collect.importer.ScanImporter;
import org.tlsverdict.collect.importer.ImportTarget;
import org.tlsverdict.collect.importer.SslscanXmlImporter;
import org.tlsverdict.collect.importer.SslyzeJsonImporter;
import org.tlsverdict.collect.importer.TestsslImporter;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;

/**
 * Reads any supported input into facts: tlsverdict facts files (JSON or YAML) and raw scanner
 * output (testssl.sh JSON or CSV, nmap XML or text, sslscan XML, sslyze JSON), recognised by
 * content; {@code from} forces a format and {@code target} names the host and port of output that
 * does not.
 */
public final class InputReader {

    /** Inputs past this size are refused before reading, so a stray huge file cannot exhaust memory. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    public static final String FACTS = "facts";

    private static final List<ScanImporter> IMPORTERS = List.of(
            new SslyzeJsonImporter(), new TestsslImporter(), new NmapXmlImporter(), new SslscanXmlImporter(), new NmapTextImporter());

    private InputReader() {
    }

    /** Format names accepted by {@code --from}. */
    public static List<String> formats() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(FACTS), IMPORTERS.stream().map(ScanImporter::format)).toList();
    }

    public static FactsDocument read(Path file, String label) throws FactsFormatException {
        return read(file, label, null);
    }

    public static FactsDocument read(Path file, String label, String from) throws FactsFormatException {
        return read(file, label, from, null);
    }

    public static FactsDocument read(Path file, String label, String from, ImportTarget target) throws FactsFormatException {
        byte[] content = load(file, label);
        return parse(content, label, from, target);
    }

    public static FactsDocument parse(byte[] content, String label, String from) throws FactsFormatException {
        return parse(content, label, from, null);
    }

    public static FactsDocument parse(byte[] content, String label, String from, ImportTarget target) throws FactsFormatException {
        if (content.length == 0) {
            throw new FactsFormatException(label + ": empty file");
        }
        String format = from != null ? from : detect(content, label);
        if (FACTS.equals(format)) {
            return FactsCodec.parse(content, label);
        }
        ScanImporter importer = IMPORTERS.stream().filter(i -> i.format().equals(format)).findFirst()
                .orElseThrow(() -> new FactsFormatException(label + ": unknown format '" + format + "' (known: "
                        + String.join(", ", formats()) + ")"));
        try {
            return target == null ? importer.readDocument(content, label) : importer.readDocument(content, label, target);
        } catch (RuntimeException e) {
            // An importer bug must cost one file, not the run; the message still names the file.
            throw new FactsFormatException(label + ": cannot import as " + format + ": " + e, e);
        }
    }

    static String detect(byte[] content, String label) throws FactsFormatException {
        int n = Math.min(content.length, 8192);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                throw new FactsFormatException(label + ": binary file, not a facts file or scanner output");
            }
        }
        String head = new String(Arrays.copyOf(content, n), StandardCharsets.UTF_8);
        String trimmed = head.stripLeading().replace("\uFEFF", "");
        if (trimmed.contains("tlsverdict/facts/") || trimmed.startsWith("schema:")) {
            return FACTS;
        }
        for (ScanImporter i : IMPORTERS) {
            if (i.accepts(trimmed)) {
                return i.format();
            }
        }
        throw new FactsFormatException(label + ": unrecognised content (expected tlsverdict facts, "
                + IMPORTERS.stream().map(ScanImporter::format).collect(Collectors.joining(", ")) + "); use --from");
    }

    /** The file name that stands for standard input, as usual for command-line tools. */
    public static final String STDIN = "-";

    private static byte[] load(Path file, String label) throws FactsFormatException {
        if (file.toString().equals(STDIN) && !Files.exists(file)) {
            return stdin(label);
        }
        byte[] read = readPlain(file);
        if (read != null) {
            return read;
        }
        // What went wrong is told by the checks below, in the order they were always made.
        if (!Files.exists(file)) {
            throw new FactsFormatException(label + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new FactsFormatException(label + ": is a folder, not a facts file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new FactsFormatException(label + ": " + size + " bytes is larger than the " + MAX_BYTES + "-byte input limit");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FactsFormatException(label + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The content of a readable file within the size limit, with one open and one size query (a
     * folder of small files pays for every system call); null for anything else (missing, a folder,
     * too large, unreadable), which {@link #load} then names as it always did.
     */
    private static byte[] readPlain(Path file) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                return null;
            }
            // As Files.readAllBytes: read to the end, whatever the size said (a file still being written, a pipe).
            byte[] buf = new byte[(int) size + 1];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf);
            while (true) {
                if (!b.hasRemaining()) {
                    if (buf.length > MAX_BYTES) {
                        return null;
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(MAX_BYTES + 1, 2L * buf.length + 8192));
                    b = java.nio.ByteBuffer.wrap(buf, b.position(), buf.length - b.position());
                }
                if (ch.read(b) < 0) {
                    return b.position() == buf.length ? buf : Arrays.copyOf(buf, b.position());
                }
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static synchronized byte[] stdin(String label) throws FactsFormatException {
        try {
            byte[] in = System.in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
            if (in.length > MAX_BYTES) {
                throw new FactsFormatException(label + ": standard input is larger than the " + MAX_BYTES + "-byte input limit");
            }
            return in;
        } catch (IOException e) {
            throw new FactsFormatException(label + ": cannot read standard input: " + e.getMessage(), e);
        }
    }
}
