package org.tlsverdict.policy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Identifies the engine build, so cached compiled rules are dropped when the fact classes change. */
public final class EngineVersion {

    private static final String ID = compute();

    private EngineVersion() {
    }

    public static String id() {
        return ID;
    }

    public static String version() {
        String v = EngineVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String compute() {
        try {
            Path code = Path.of(EngineVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return version() + "/" + Files.getLastModifiedTime(code).toMillis() + "/" + Files.size(code);
        } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
            return version() + "/unknown-build";
        }
    }
}
