package org.tlsverdict.policy.hostile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deserialization gadget in miniature: reading it back writes the marker file. Planted in a
 * compiled-rule cache entry, it shows the entry is refused before a byte is deserialized.
 */
public final class MarkerOnRead implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String marker;

    public MarkerOnRead(String marker) {
        this.marker = marker;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Files.writeString(Path.of(marker), "deserialized");
    }
}
