package org.tlsverdict.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * The per-user folder of the daemons' sockets and logs: {@code $XDG_RUNTIME_DIR/tlsverdict}, else
 * {@code <java.io.tmpdir>/tlsverdict-<user name>}. Whoever can write into it could put a socket of
 * their own there and answer another user's runs, so it is used only while it is a folder of this
 * user that nobody else can enter.
 */
public final class DaemonFolder {

    private DaemonFolder() {
    }

    public static Path defaultPath() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "tlsverdict");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tlsverdict-" + System.getProperty("user.name"));
    }

    /** Null when the folder is this user's and closed to others, else why it is not used. */
    static String unsafe(Path dir) {
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                return dir + ": daemon folder is not a folder";
            }
            Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!(owner instanceof Integer uid) || uid != currentUid()) {
                return dir + ": daemon folder belongs to " + a.owner().getName() + ", not to this user";
            }
            if (!EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)
                    .containsAll(a.permissions())) {
                return dir + ": daemon folder is open to others (" + PosixFilePermissions.toString(a.permissions()) + "; chmod 700)";
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return dir + ": daemon folder cannot be checked: " + e.getMessage();
        }
    }

    /** Creates the folder closed to others if missing; then it must pass {@link #unsafe}. */
    public static Path create(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another start made it at the same time: checked below like any existing folder.
            }
        }
        String problem = unsafe(dir);
        if (problem != null) {
            throw new IOException(problem);
        }
        return dir;
    }

    static int currentUid() {
        return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
