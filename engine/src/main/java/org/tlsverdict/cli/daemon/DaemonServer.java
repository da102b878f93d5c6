package org.tlsverdict.cli.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The daemon: listens on the key's socket in the daemon folder and runs one request at a time (a
 * fair lock; a second client waits its turn, it is not refused). During a run, System.out and
 * System.err are the client's streams too, so a line any code prints directly reaches the client
 * as it would in-process. Stops when asked, after {@code idle} without requests, when a class-path
 * file (the jar) changes or disappears, or when its socket file is removed; removes its socket.
 * A client that goes away during its run (Ctrl-C) takes the daemon with it: a run cannot be stopped
 * half-way, and finishing it unseen would keep the next clients waiting ({@link #onAbandoned}).
 */
public final class DaemonServer {

    /** Runs one command line with the client's terminal and streams; gives the exit code. */
    public interface Handler {
        int run(String[] args, Request request);
    }

    /** What a run gets besides its arguments: the client's terminal and streams (with their encodings). */
    public record Request(boolean console, PrintStream out, Charset outEncoding, PrintStream err, Charset errEncoding, LongSupplier errWritten) {
        /** Bytes this run has written to stderr so far (System.err flushed first). */
        public long errBytes() {
            err.flush();
            return errWritten.getAsLong();
        }
    }

    private final Path socket;
    private final DaemonKey key;
    private final Duration idle;
    private final Handler handler;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicLong served = new AtomicLong();
    private final long started = System.currentTimeMillis();
    private final List<String> classPathStamps;
    private volatile long lastActivity = System.currentTimeMillis();
    private volatile ServerSocketChannel server;
    private volatile String stopReason;
    private volatile long lastRunMillis = -1;
    /** The socket file's identity once bound: another file under its name is another daemon's. */
    private volatile Object ownSocket;
    private volatile Runnable abandoned = () -> {
    };

    /** Why a daemon stops when the client of the run in progress goes away. */
    public static final String ABANDONED = "stopped: the client of a run went away during it (a run cannot be stopped half-way)";

    private final Supplier<List<String>> stamps;

    public DaemonServer(Path folder, DaemonKey key, Duration idle, Handler handler) {
        this(folder, key, idle, handler, DaemonServer::classPathStamps);
    }

    /** {@code stamps}: what must stay the same for the daemon to go on (the class-path files' sizes and times). */
    DaemonServer(Path folder, DaemonKey key, Duration idle, Handler handler, Supplier<List<String>> stamps) {
        this.socket = folder.resolve(key.socketName());
        this.key = key;
        this.idle = idle;
        this.handler = handler;
        this.stamps = stamps;
        this.classPathStamps = stamps.get();
    }

    public Path socket() {
        return socket;
    }

    /**
     * What else happens when the client of the run in progress goes away, after the daemon stopped
     * accepting clients and removed its socket (so the next runs are in-process, not queued behind
     * a run nobody reads): the daemon's JVM exits there, as an in-process run's JVM does on Ctrl-C.
     * A client that goes away while waiting for its turn only loses its turn.
     */
    public void onAbandoned(Runnable r) {
        abandoned = r;
    }

    /**
     * Binds the socket (removing a stale one nobody listens on); false when another daemon already
     * listens there.
     */
    public boolean bind() throws IOException {
        DaemonFolder.create(socket.getParent());
        if (Files.exists(socket) && new DaemonClient(socket.getParent(), key).status() != null) {
            return false;
        }
        // Bound under a name of its own, then renamed into place: between bind and listen a client
        // would be refused and take the socket for a stale one. The rename replaces a stale file.
        Path fresh = socket.resolveSibling(socket.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        Files.deleteIfExists(fresh);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(fresh));
        Files.move(fresh, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ownSocket = DaemonClient.fileKey(socket);
        server = s;
        return true;
    }

    /** Serves until stopped; then removes the socket. Gives why it stopped. */
    public String serve() throws IOException {
        Thread watch = new Thread(this::watch, "tlsverdict-daemon-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            while (true) {
                SocketChannel ch;
                try {
                    ch = server.accept();
                } catch (ClosedChannelException e) {
                    break;
                }
                Thread t = new Thread(() -> answer(ch), "tlsverdict-daemon-request");
                t.setDaemon(true);
                t.start();
            }
        } finally {
            // Waits for a run in progress, so its client gets all of its output.
            lock.lock();
            try {
                removeSocket();
            } finally {
                lock.unlock();
            }
        }
        return stopReason == null ? "stopped" : stopReason;
    }

    /** Stops accepting; {@link #serve} returns once the run in progress (if any) is done. */
    public void stop(String why) {
        if (stopReason == null) {
            stopReason = why;
        }
        try {
            ServerSocketChannel s = server;
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // Closing a listening socket does not fail in a way that matters here.
        }
    }

    /** Removes the socket file if it is still this daemon's (also from a shutdown hook). */
    public void removeSocket() {
        try {
            if (ownSocket == null || !ownSocket.equals(DaemonClient.fileKey(socket))) {
                return;
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // Left behind, it is stale: the next client removes it.
        }
    }

    private void answer(SocketChannel ch) {
        try (ch) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
            if (in.readInt() != Wire.MAGIC) {
                return;
            }
            boolean ours = Wire.readString(in).equals(key.text());
            byte kind = in.readByte();
            if (kind == Wire.STATUS_ANY || kind == Wire.STOP_ANY || ours && (kind == Wire.STATUS || kind == Wire.STOP)) {
                out.writeByte(Wire.TEXT);
                Wire.writeString(out, statusLine());
                out.flush();
                if (kind == Wire.STOP || kind == Wire.STOP_ANY) {
                    stop("stopped on request");
                }
                return;
            }
            if (kind == Wire.KEY_ANY) {
                out.writeByte(Wire.TEXT);
                Wire.writeString(out, key.text());
                out.flush();
                return;
            }
            if (!ours) {
                out.writeByte(Wire.REFUSED);
                out.flush();
                return;
            }
            if (kind == Wire.RUN) {
                run(ch, in, out);
            }
        } catch (IOException e) {
            // The client went away: nothing to answer.
        }
    }

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int OVER = 2;
    private static final int GONE = 3;

    private void run(SocketChannel ch, DataInputStream in, DataOutputStream socket) throws IOException {
        boolean console = in.readBoolean();
        Charset outEncoding = charset(Wire.readString(in));
        Charset errEncoding = charset(Wire.readString(in));
        String[] args = new String[in.readInt()];
        for (int i = 0; i < args.length; i++) {
            args[i] = Wire.readString(in);
        }
        AtomicInteger state = new AtomicInteger(WAITING);
        Thread watch = new Thread(() -> {
            untilClosed(ch);
            if (!state.compareAndSet(WAITING, GONE) && state.get() == RUNNING) {
                stop(ABANDONED);
                removeSocket();
                abandoned.run();
            }
        }, "tlsverdict-daemon-client");
        watch.setDaemon(true);
        watch.start();
        lock.lock();
        try {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            lastActivity = System.currentTimeMillis();
            long start = System.nanoTime();
            int code = ServedRun.run(handler, args, console, outEncoding, errEncoding, socket);
            state.set(OVER);
            lastRunMillis = (System.nanoTime() - start) / 1_000_000;
            served.incrementAndGet();
            synchronized (socket) {
                socket.writeByte(Wire.EXIT);
                socket.writeInt(code);
                socket.flush();
            }
        } finally {
            state.set(OVER);
            lastActivity = System.currentTimeMillis();
            lock.unlock();
        }
    }

    /**
     * Runs {@code args} as a request would, its output discarded, so that the next run of the same
     * command finds its policy compiled and its code warm; not counted as a request served. A request
     * that comes meanwhile waits its turn, as behind any run. Gives the exit code, or -1 when the
     * daemon was already stopping.
     */
    public int warm(String[] args) {
        lock.lock();
        try {
            if (stopReason != null) {
                return -1;
            }
            DataOutputStream nowhere = new DataOutputStream(java.io.OutputStream.nullOutputStream());
            return ServedRun.run(handler, args, false, Charset.defaultCharset(), Charset.defaultCharset(), nowhere);
        } finally {
            lastActivity = System.currentTimeMillis();
            lock.unlock();
        }
    }

    /**
     * Returns when the client has closed its end: after its request it sends nothing, so a read
     * ends only then (or when this side closes the channel). Read from the channel itself, not its
     * stream, which would hold the channel's lock against the run's writes.
     */
    private static void untilClosed(SocketChannel ch) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
        try {
            while (ch.read(b.clear()) >= 0) {
                // Nothing is expected; whatever comes is not a reason to stop the run.
            }
        } catch (IOException e) {
            // Closed by either side: the same for the caller.
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Runs served so far. */
    public long served() {
        return served.get();
    }

    String statusLine() {
        long up = (System.currentTimeMillis() - started) / 1000;
        return "pid " + ProcessHandle.current().pid() + ", up " + (up / 3600) + "h" + (up / 60 % 60) + "m" + (up % 60) + "s, "
                + served.get() + " requests served" + (lastRunMillis < 0 ? "" : " (the last in " + lastRunMillis + " ms)") + ", stops after " + minutes(idle) + " without requests, folder "
                + System.getProperty("user.dir") + ", socket " + socket;
    }

    /** Every second: stop on idle, on a changed jar, on a removed socket. */
    private void watch() {
        while (server != null && server.isOpen()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (!stamps.get().equals(classPathStamps)) {
                stop("stopped: its jar changed");
            } else if (!Files.exists(socket)) {
                stop("stopped: its socket was removed");
            } else if (ownSocket != null && !ownSocket.equals(DaemonClient.fileKey(socket))) {
                // Two starts at once: the one whose socket was replaced gives way.
                ownSocket = null;
                stop("stopped: another daemon took its socket");
            } else if (!lock.isLocked() && System.currentTimeMillis() - lastActivity > idle.toMillis()) {
                stop("stopped after " + minutes(idle) + " without requests");
            }
        }
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** Size and time of each class-path file: a rebuilt or removed jar changes them. */
    static List<String> classPathStamps() {
        List<String> stamps = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            File f = new File(entry);
            if (!f.isDirectory()) {
                stamps.add(entry + " " + f.exists() + " " + f.length() + " " + f.lastModified());
            }
        }
        return stamps;
    }
}
