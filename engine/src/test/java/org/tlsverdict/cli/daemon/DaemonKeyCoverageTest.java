package org.tlsverdict.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a daemon-served run reads of its surroundings is what the key holds, read from the sources:
 * every environment variable the engine reads is in the key, and whether the output is a terminal
 * is asked in one place (Terminal, which a served run gets from the client) and of no file
 * descriptor directly.
 */
class DaemonKeyCoverageTest {

    private static final Path SOURCES = Path.of("engine/src/main/java/org/tlsverdict");

    /** Read by the client to find the daemon, not by a run. */
    private static final Set<String> CLIENT_ONLY = Set.of("TLSVERDICT_DAEMON", "XDG_RUNTIME_DIR");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void everyEnvironmentVariableTheEngineReadsIsInTheKey() throws IOException {
        Pattern getenv = Pattern.compile("System\\.getenv\\(\"([A-Z_]+)\"\\)");
        Set<String> read = new TreeSet<>();
        List<String> unnamed = new ArrayList<>();
        for (Path f : sources()) {
            String text = Files.readString(f);
            Matcher m = getenv.matcher(text);
            while (m.find()) {
                read.add(m.group(1));
            }
            // DaemonKey reads the key's own list by name.
            if (!f.endsWith("cli/daemon/DaemonKey.java")
                    && (text.contains("System.getenv()") || Pattern.compile("System\\.getenv\\([^\")]").matcher(text).find())) {
                unnamed.add(SOURCES.relativize(f).toString());
            }
        }
        assertThat(read).as("names found").contains("TLSVERDICT_CACHE", "NO_COLOR", "CI", "PATH");
        read.removeAll(CLIENT_ONLY);
        assertThat(DaemonKey.ENVIRONMENT).containsAll(read);
        assertThat(unnamed).as("environment read by a name the key cannot know").isEmpty();
    }

    /** Fixed by java.home (in the key), or sent with each request (the client's stream encodings). */
    private static final Set<String> SAME_IN_EVERY_JVM_OF_THE_KEY = Set.of("os.name", "os.arch", "java.vendor", "sun.stdout.encoding", "sun.stderr.encoding");

    @Test
    void everySystemPropertyTheEngineReadsIsInTheKey() throws IOException {
        Pattern read = Pattern.compile("(?:System\\.getProperty|Boolean\\.getBoolean|Integer\\.getInteger|Long\\.getLong)\\(\"([^\"]+)\"");
        Set<String> names = new TreeSet<>();
        for (Path f : sources()) {
            Matcher m = read.matcher(Files.readString(f));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertThat(names).as("names found").contains("user.home", "tlsverdict.debug");
        List<String> outside = names.stream().filter(n -> !n.startsWith("tlsverdict.") && !DaemonKey.PROPERTIES.contains(n)
                && !SAME_IN_EVERY_JVM_OF_THE_KEY.contains(n)).toList();
        assertThat(outside).isEmpty();
    }

    @Test
    void onlyTerminalAsksWhetherTheOutputIsATerminal() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : sources()) {
            String text = Files.readString(f);
            String name = SOURCES.relativize(f).toString();
            // The client sends its answer with the request; the auto-start asks only whether a person would wait for the next run.
            if (text.contains("System.console()") && !Set.of("cli/Terminal.java", "cli/daemon/DaemonClient.java", "cli/DaemonAutoStart.java").contains(name)) {
                found.add(name + ": System.console()");
            }
            if (text.contains("FileDescriptor.out") || text.contains("FileDescriptor.err") || text.contains("/dev/stdout") || text.contains("/dev/tty")) {
                found.add(name + ": a file descriptor of the JVM's own");
            }
        }
        assertThat(found).isEmpty();
    }
}
