package org.tlsverdict.collect.importer;

import java.util.List;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;

/** Reads one scanner's output format into endpoint facts, with provenance on every fact. */
public interface ScanImporter {

    /** The name used with {@code --from}. */
    String format();

    /** Whether the content looks like this format (decided on the first bytes, never the file name). */
    boolean accepts(String head);

    List<EndpointFacts> read(byte[] content, String label) throws FactsFormatException;

    /** Everything the output holds: the endpoints and, where the scanner reports some, mail-domain facts. */
    default FactsDocument readDocument(byte[] content, String label) throws FactsFormatException {
        return FactsDocument.of(read(content, label));
    }

    /**
     * As {@link #readDocument(byte[], String)}, with what the user says was scanned for output that
     * does not name its host or port; importers whose output always does ignore it.
     */
    default FactsDocument readDocument(byte[] content, String label, ImportTarget target) throws FactsFormatException {
        return readDocument(content, label);
    }
}
