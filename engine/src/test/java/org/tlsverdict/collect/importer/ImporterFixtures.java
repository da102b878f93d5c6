package org.tlsverdict.collect.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.TlsVersion;

/** Loads importer test resources and reads them the way the CLI does. */
final class ImporterFixtures {

    static final String MIXED = "importer/s_server-mixed/";

    private ImporterFixtures() {
    }

    static byte[] resource(String path) {
        try (InputStream in = ImporterFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static EndpointFacts only(String path) throws FactsFormatException {
        List<EndpointFacts> all = InputReader.parse(resource(path), path, null).endpoints();
        if (all.size() != 1) {
            throw new AssertionError(path + " has " + all.size() + " endpoints");
        }
        return all.get(0);
    }

    static EndpointFacts parse(String text, String from) throws FactsFormatException {
        return InputReader.parse(text.getBytes(StandardCharsets.UTF_8), "snippet", from).endpoints().get(0);
    }

    static List<String> names(EndpointFacts e, TlsVersion v) {
        return e.ciphers().get(v).stream().map(CipherEntry::iana).toList();
    }
}
