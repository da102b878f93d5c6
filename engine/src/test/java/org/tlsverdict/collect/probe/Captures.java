package org.tlsverdict.collect.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads the captured server flights (see the README beside them). */
final class Captures {

    private Captures() {
    }

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = Captures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("capture " + name + " missing");
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    /** Every message of the flight, until the bytes run out. */
    static List<RecordReader.Message> messages(String name) throws IOException {
        RecordReader r = new RecordReader(new ByteArrayInputStream(bytes(name)), 1 << 20);
        List<RecordReader.Message> out = new ArrayList<>();
        try {
            while (true) {
                out.add(r.next());
            }
        } catch (java.io.EOFException end) {
            return out;
        }
    }
}
