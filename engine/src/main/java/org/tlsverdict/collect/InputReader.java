package org.tlsverdict.collect;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;

/**
 * Reads any supported input into facts. Today: tlsverdict facts files (JSON or YAML); scanner
 * importers plug in here so every command accepts raw scanner output too.
 */
public final class InputReader {

    /** Inputs past this size are refused before reading, so a stray huge file cannot exhaust memory. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private InputReader() {
    }

    public static FactsDocument read(Path file, String label) throws FactsFormatException {
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
        } catch (java.io.IOException e) {
            throw new FactsFormatException(label + ": cannot read: " + e.getMessage(), e);
        }
        return FactsCodec.read(file, label);
    }
}
