package org.tlsverdict.policy.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class whose static initialiser acts: the hostile rule files name it (import, pattern, static
 * field, Class.forName) to show that the rule check refuses before any class they name is loaded.
 * Writes the file named by the system property {@code tlsverdict.hostile.marker}.
 */
public final class StaticInitMarker {

    public static final String NAME = touch();

    private StaticInitMarker() {
    }

    private static String touch() {
        String marker = System.getProperty("tlsverdict.hostile.marker");
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), "static initialiser ran");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return "marker";
    }
}
