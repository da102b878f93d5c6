package org.tlsverdict.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.tlsverdict.policy.EngineVersion;

/**
 * What {@code --version} reports: the build's commit (recorded by Maven at build time, "unknown"
 * when built without git or outside a clone) and the versions that decide verdicts and parsing:
 * Java, Drools, Bouncy Castle.
 */
final class VersionInfo {

    static final String BUILD_PROPERTIES = "/org/tlsverdict/build.properties";

    private VersionInfo() {
    }

    static String[] lines() {
        return List.of(
                "tlsverdict " + EngineVersion.version() + " (commit " + commit() + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")",
                "Drools " + pomVersion("org.drools", "drools-core"),
                "Bouncy Castle " + bouncyCastle()).toArray(String[]::new);
    }

    static String commit() {
        Properties p = load(BUILD_PROPERTIES);
        String c = p.getProperty("commit", "").strip();
        // An unfiltered placeholder means the resource was copied without Maven's filtering.
        return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
    }

    /** The shaded jar keeps each dependency's META-INF/maven pom.properties, though not its manifest. */
    private static String pomVersion(String group, String artifact) {
        return load("/META-INF/maven/" + group + "/" + artifact + "/pom.properties").getProperty("version", "unknown");
    }

    private static String bouncyCastle() {
        try {
            return new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Reported as unknown.
        }
        return p;
    }
}
