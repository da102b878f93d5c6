package org.tlsverdict.cli.daemon;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything that can change what a run prints, as one text: the classes (each class-path entry's
 * path, size and modification time), the working directory (a daemon serves only the folder it was
 * started in, so relative paths resolve alike), the system properties of the engine and the JVM,
 * and the environment variables the engine or the tools it runs read. The socket is named by a
 * hash of it; the daemon compares the whole text, so a hash collision is refused, not served.
 */
public record DaemonKey(String text) {

    /** Environment variables read by the engine (rule cache, colour, progress, tools on the PATH) or by the JVM (encoding, zone). */
    static final List<String> ENVIRONMENT = List.of("HOME", "PATH", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "CI", "NO_COLOR",
            "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TLSVERDICT_CACHE", "TLSVERDICT_CDS", "TLSVERDICT_JAVA_OPTS");

    static final List<String> PROPERTIES = List.of("user.dir", "user.home", "user.name", "java.home", "java.version",
            "file.encoding", "sun.jnu.encoding", "java.class.path", "java.io.tmpdir");

    /** The key of this JVM: cheap enough for every start (strings and a stat per class-path entry; no + on strings, see DaemonClient). */
    public static DaemonKey current() {
        return current(System.getProperty("java.class.path", ""));
    }

    /**
     * The key of a JVM like this one but with {@code classPath} as its class path: the light client
     * runs from a small jar of its own and is served by the daemon of the engine's jar.
     */
    public static DaemonKey current(String classPath) {
        StringBuilder b = new StringBuilder("tlsverdict-daemon-1\n");
        for (String p : PROPERTIES) {
            b.append(p).append('=').append(p.equals("java.class.path") ? classPath : System.getProperty(p, "")).append('\n');
        }
        // Sorted: the same properties give the same text whatever order the JVM lists them in.
        TreeSet<String> engine = new TreeSet<>();
        for (String p : System.getProperties().stringPropertyNames()) {
            if (p.startsWith("tlsverdict.")) {
                engine.add(p);
            }
        }
        for (String p : engine) {
            b.append(p).append('=').append(System.getProperty(p)).append('\n');
        }
        for (String e : ENVIRONMENT) {
            String v = System.getenv(e);
            b.append('$').append(e);
            if (v != null) {
                b.append('=').append(v);
            }
            b.append('\n');
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            File f = new File(entry);
            b.append("class-path ").append(f.getAbsolutePath()).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
        }
        return new DaemonKey(b.toString());
    }

    /** The working directory the key was made in: a daemon serves that folder only. */
    public String folder() {
        return entries().get("user.dir");
    }

    /**
     * What differs between this key and {@code daemon}'s, one phrase each, in the key's order, with
     * the daemon's value first: why that daemon does not serve a run of this key ({@code daemon
     * status}). Empty when the two are the same.
     */
    public List<String> differences(DaemonKey daemon) {
        Map<String, String> here = entries();
        Map<String, String> there = daemon.entries();
        Set<String> names = new LinkedHashSet<>(there.keySet());
        names.addAll(here.keySet());
        List<String> phrases = new ArrayList<>();
        for (String name : names) {
            String a = there.get(name);
            String b = here.get(name);
            if (!Objects.equals(a, b)) {
                phrases.add(name + ": " + shown(a) + " for the daemon, " + shown(b) + " here");
            }
        }
        return phrases;
    }

    private static String shown(String value) {
        return value == null ? "unset" : "\"" + value + "\"";
    }

    /**
     * The text as names and values: {@code version}, each property ({@code user.dir}), each
     * environment variable ({@code $CI}, absent when unset) and the class path as one entry (its
     * files' paths, sizes and times).
     */
    private Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> classPath = new ArrayList<>();
        String[] lines = text.split("\n");
        entries.put("version", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int eq = line.indexOf('=');
            if (line.startsWith("class-path ")) {
                classPath.add(line.substring("class-path ".length()));
            } else if (eq > 0) {
                entries.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        entries.put("class path (files, sizes, times)", String.join(", ", classPath));
        return entries;
    }

    /** The socket's file name: a 64-bit FNV-1a hash of the text, in hex. */
    public String socketName() {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        // Not String.format: the client path loads as few classes as it can.
        String hex = Long.toHexString(h);
        return "0".repeat(16 - hex.length()).concat(hex).concat(".sock");
    }
}
