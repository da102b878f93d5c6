package org.tlsverdict.cli.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The client side, run first thing in {@code Main.main}: when a daemon runs for this key, the run is
 * sent to it and its output streamed back; otherwise (no socket, a stale one, a folder others can
 * write to, another key) the caller runs in-process. Until it knows a daemon is there it touches
 * only strings, the environment and one {@code File.exists}: no command-line, JSON or rule classes.
 */
public final class DaemonClient {

    /** Returned when the run did not go to a daemon and is to run in-process. */
    public static final int IN_PROCESS = -1;

    /** Commands whose output depends only on their arguments, files and the key, and that read no standard input and touch no network. */
    static final Set<String> ELIGIBLE = Set.of("evaluate", "test", "replay", "rules", "diff");

    private final Path folder;
    private final DaemonKey key;

    public DaemonClient(Path folder, DaemonKey key) {
        this.folder = folder;
        this.key = key;
    }

    /** Forwards {@code args} when a daemon for this JVM's key runs; else {@link #IN_PROCESS}. */
    public static int forward(String[] args) {
        return forward(args, System.getProperty("java.class.path", ""));
    }

    /** As {@link #forward(String[])} for the key of the JVM whose class path is {@code classPath} (the light client's engine jar). */
    static int forward(String[] args, String classPath) {
        if (!eligible(args) || "off".equals(System.getenv("TLSVERDICT_DAEMON")) || Boolean.getBoolean("tlsverdict.debug")) {
            return IN_PROCESS;
        }
        // String.concat, not +: the first + of a JVM spins up method handles, which costs more than the rest of this path.
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        File dir = runtime != null && !runtime.isBlank() ? new File(runtime, "tlsverdict")
                : new File(System.getProperty("java.io.tmpdir"), "tlsverdict-".concat(System.getProperty("user.name")));
        // The key (a hash of the jar, the JVM and the environment) costs tens of milliseconds; a folder
        // without a socket, as on every machine where nobody started a daemon, needs no key to tell.
        if (sockets(dir) == 0) {
            return IN_PROCESS;
        }
        DaemonKey key = DaemonKey.current(classPath);
        if (!new File(dir, key.socketName()).exists()) {
            return IN_PROCESS;
        }
        return new DaemonClient(dir.toPath(), key).run(args, System.console() != null, System.out, System.err);
    }

    /** How many daemon sockets {@code dir} holds: one a daemon of this user, for any key (or a stale one's). */
    public static int sockets(File dir) {
        String[] names = dir.list();
        int n = 0;
        if (names != null) {
            for (String name : names) {
                if (name.endsWith(".sock")) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Whether a daemon may run {@code args}: an eligible command, no standard input ({@code -}), no
     * {@code --watch} (it runs until interrupted), no git revisions (git reads more of the
     * environment than the key holds), no help or version (picocli colours help by its own terminal
     * test), no argument files, no {@code --debug} (a stack trace names the frames of the JVM that
     * ran the command).
     */
    public static boolean eligible(String[] args) {
        if (args.length == 0 || !ELIGIBLE.contains(args[0])) {
            return false;
        }
        for (String a : args) {
            if (a.equals("-") || a.equals("--debug") || a.startsWith("--watch") || a.startsWith("git:") || a.startsWith("@") || a.equals("-h") || a.equals("--help")
                    || a.equals("-V") || a.equals("--version") || a.startsWith("--from=git:") || a.startsWith("--to=git:")) {
                return false;
            }
        }
        return true;
    }

    Path socket() {
        return folder.resolve(key.socketName());
    }

    /**
     * Runs {@code args} in the daemon, writing its output to {@code out} and {@code err}; gives its
     * exit code, or {@link #IN_PROCESS} when no daemon took the run (nothing was written then).
     */
    public int run(String[] args, boolean console, PrintStream out, PrintStream err) {
        String unsafe = DaemonFolder.unsafe(folder);
        if (unsafe != null) {
            err.println("tlsverdict: " + unsafe + "; running without the daemon");
            return IN_PROCESS;
        }
        boolean wrote = false;
        try (SocketChannel ch = connect()) {
            if (ch == null) {
                return IN_PROCESS;
            }
            DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
            header(o, key.text(), Wire.RUN);
            o.writeBoolean(console);
            Wire.writeString(o, encoding("sun.stdout.encoding"));
            Wire.writeString(o, encoding("sun.stderr.encoding"));
            o.writeInt(args.length);
            for (String a : args) {
                Wire.writeString(o, a);
            }
            o.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
            while (true) {
                byte kind = in.readByte();
                if (kind == Wire.REFUSED) {
                    return IN_PROCESS;
                }
                if (kind == Wire.EXIT) {
                    int code = in.readInt();
                    out.flush();
                    err.flush();
                    return code;
                }
                int n = in.readInt();
                if (n < 0) {
                    throw new IOException("daemon protocol: frame of " + n + " bytes");
                }
                byte[] b = in.readNBytes(n);
                PrintStream to = kind == Wire.ERR ? err : out;
                to.write(b, 0, b.length);
                to.flush();
                wrote = true;
            }
        } catch (IOException e) {
            if (!wrote) {
                // Nothing printed yet: the run can still happen here, as if no daemon had been found.
                return IN_PROCESS;
            }
            err.println("tlsverdict: the daemon stopped during the run (" + (e instanceof EOFException ? "connection closed" : e.getMessage())
                    + "); its output above is incomplete");
            return 3;
        }
    }

    /** The daemon's status line, or null when none runs for this key. */
    public String status() {
        return ask(Wire.STATUS);
    }

    /** Asks the daemon to stop; gives its status line as it was, or null when none ran. */
    public String stop() {
        return ask(Wire.STOP);
    }

    /**
     * The status line of every daemon of this user in {@code folder} (any key: other folders, jars,
     * environments), asking each to stop first when {@code stop}; empty when none runs, or when the
     * folder is not safe to use.
     */
    public static List<String> all(Path folder, boolean stop) {
        return askEach(folder, stop ? Wire.STOP_ANY : Wire.STATUS_ANY);
    }

    /**
     * The keys of the daemons of this user in {@code folder} (any key); empty when none runs, or
     * when the folder is not safe to use. A daemon of a build that does not answer this is left out.
     */
    public static List<DaemonKey> keys(Path folder) {
        List<DaemonKey> keys = new ArrayList<>();
        for (String text : askEach(folder, Wire.KEY_ANY)) {
            keys.add(new DaemonKey(text));
        }
        return keys;
    }

    /** The text answers of every socket in {@code folder} to a request of {@code kind} sent without a key, by socket name. */
    private static List<String> askEach(Path folder, byte kind) {
        List<String> answers = new ArrayList<>();
        if (DaemonFolder.unsafe(folder) != null) {
            return answers;
        }
        String[] names = folder.toFile().list();
        if (names == null) {
            return answers;
        }
        Arrays.sort(names);
        for (String name : names) {
            if (name.endsWith(".sock")) {
                try (SocketChannel ch = tryConnect(folder.resolve(name))) {
                    String answer = ask(ch, "", kind);
                    if (answer != null) {
                        answers.add(answer);
                    }
                } catch (IOException e) {
                    // Gone meanwhile, or not a daemon: nothing to list.
                }
            }
        }
        return answers;
    }

    private String ask(byte kind) {
        if (DaemonFolder.unsafe(folder) != null) {
            return null;
        }
        try (SocketChannel ch = connect()) {
            return ask(ch, key.text(), kind);
        } catch (IOException e) {
            return null;
        }
    }

    /** The text answer to a request of {@code kind} sent with {@code keyText} over {@code ch}; null when there is no channel or text. */
    private static String ask(SocketChannel ch, String keyText, byte kind) throws IOException {
        if (ch == null) {
            return null;
        }
        DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
        header(o, keyText, kind);
        o.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
        return in.readByte() == Wire.TEXT ? Wire.readString(in) : null;
    }

    private static void header(DataOutputStream o, String keyText, byte kind) throws IOException {
        o.writeInt(Wire.MAGIC);
        Wire.writeString(o, keyText);
        o.writeByte(kind);
    }

    /**
     * A connection, or null when there is no daemon. A socket nobody listens on (a daemon killed
     * hard) is removed, but only after a second refused try at the very same file: a daemon that
     * has just put its socket in place is then reached, not removed.
     */
    private SocketChannel connect() throws IOException {
        Path socket = socket();
        if (!Files.exists(socket)) {
            return null;
        }
        SocketChannel ch = tryConnect(socket);
        if (ch != null) {
            return ch;
        }
        Object refused = fileKey(socket);
        ch = tryConnect(socket);
        if (ch == null && refused != null && refused.equals(fileKey(socket))) {
            Files.deleteIfExists(socket);
        }
        return ch;
    }

    private static SocketChannel tryConnect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (SocketException e) {
            // Refused (ConnectException), or not a socket at all: no daemon there.
            ch.close();
            return null;
        }
    }

    /** The file's identity (device and inode), or null when it is gone. */
    static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** As picocli picks the encoding of its writers: the JVM's stream encoding when set, else the default. */
    private static String encoding(String property) {
        String e = System.getProperty(property);
        return e != null ? e : Charset.defaultCharset().name();
    }
}
