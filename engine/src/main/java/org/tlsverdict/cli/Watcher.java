package org.tlsverdict.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits for saved files under watched folders (java.nio WatchService, inotify on Linux). Editors
 * save in bursts (a temporary file written, then renamed over the original; a backup written
 * beside it), so after the first event the watcher waits until the folders have been quiet for
 * {@link #QUIET_MS} and reports every relevant path of the burst at once.
 */
final class Watcher implements AutoCloseable {

    /** How long a burst of events must be quiet before it counts as one save. */
    static final long QUIET_MS = 60;
    /** A burst that never goes quiet (a file being copied) is reported after this long anyway. */
    static final long MAX_BURST_MS = 300;

    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Set<Path> recursive = new TreeSet<>();
    private final Predicate<Path> relevant;

    /** {@code relevant}: which changed paths (absolute, normalized) are worth a re-run. */
    Watcher(Predicate<Path> relevant) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.relevant = relevant;
    }

    /** Watches the files directly in {@code dir}. */
    void watch(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (dirs.containsValue(d) || !Files.isDirectory(d)) {
            return;
        }
        dirs.put(d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE), d);
    }

    /** Watches {@code root} and every folder below it, and folders created there later. */
    void watchTree(Path root) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        recursive.add(r);
        Files.walkFileTree(r, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                watch(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    int folders() {
        return dirs.size();
    }

    /** Blocks until relevant files changed; null when the thread was interrupted (Ctrl-C). */
    Set<Path> next() {
        Set<Path> changed = new TreeSet<>();
        try {
            while (changed.isEmpty()) {
                WatchKey key = service.take();
                long first = System.nanoTime();
                drain(key, changed);
                // The rest of the burst.
                while (System.nanoTime() - first < TimeUnit.MILLISECONDS.toNanos(MAX_BURST_MS)) {
                    WatchKey more = service.poll(QUIET_MS, TimeUnit.MILLISECONDS);
                    if (more == null) {
                        break;
                    }
                    drain(more, changed);
                }
            }
            return changed;
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void drain(WatchKey key, Set<Path> changed) {
        Path dir = dirs.get(key);
        for (WatchEvent<?> e : key.pollEvents()) {
            if (dir == null || e.kind() == StandardWatchEventKinds.OVERFLOW) {
                continue;
            }
            Path p = dir.resolve((Path) e.context()).normalize();
            if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p) && underRecursive(p)) {
                try {
                    watchTree(p);
                } catch (IOException ignored) {
                    // A folder that vanished again has nothing to watch.
                }
                continue;
            }
            if (relevant.test(p)) {
                changed.add(p);
            }
        }
        if (!key.reset()) {
            dirs.remove(key);
        }
    }

    private boolean underRecursive(Path p) {
        return recursive.stream().anyMatch(p::startsWith);
    }

    @Override
    public void close() throws IOException {
        service.close();
    }

    /** Whether a path is a rule author's file: rules, cases, manifests (not editor backups or temporaries). */
    static boolean isPolicyFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".drl") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /**
     * Makes Ctrl-C end the watch with exit 0 instead of killing the JVM: the signal interrupts the
     * watching thread, whose loop then returns. Without the (unsupported but present) signal API
     * Ctrl-C still ends the process, with the usual status.
     */
    static void endOnInterrupt() {
        Thread watching = Thread.currentThread();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> watching.interrupt());
        } catch (IllegalArgumentException | LinkageError e) {
            // No SIGINT handling here: the default applies.
        }
    }
}
