package org.tlsverdict.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.definition.KiePackage;

/**
 * Compiled rule packages on disk. They are read back with Java deserialization, which can run code,
 * so an entry is read only when nobody else could have written it:
 * <ul>
 *   <li>the cache folder and each entry belong to the user running tlsverdict and are not writable
 *       by group or others, and no folder above it is writable by others without the sticky bit;</li>
 *   <li>each entry carries an HMAC-SHA256 over its key and bytes, made with a per-user secret
 *       ({@code ~/.config/tlsverdict/cache.key}, created 0600 in a 0700 folder, refused when others
 *       can read it), checked before a byte is deserialized. A cache copied in from elsewhere (a CI
 *       cache restored from another job) fails the check.</li>
 * </ul>
 * A folder or entry that fails is not used (one line on stderr says why, once) and the rules are
 * compiled from source; the cache only saves time.
 */
final class CompiledRuleCache {

    /** A policy is cached in pieces (one per criterion file), so this holds a few dozen policies' worth. */
    static final int MAX_ENTRIES = 1024;
    /** An entry read is marked as used (its time set to now) when older than this, so pruning spares the entries in use. */
    private static final long USED_MARK_MILLIS = 24L * 3600 * 1000;
    private static final byte[] MAGIC = "TVRC1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BYTES = 32;

    private final Path dir;
    private final Path keyFile;
    private boolean warned;
    /** The folder is checked once per instance (one run): a policy's pieces are many entries in one folder. */
    private boolean folderChecked;
    private String folderProblem;
    private byte[] readSecret;
    private byte[] writeSecret;
    private boolean pruned;

    CompiledRuleCache(Path dir, Path keyFile) {
        this.dir = dir;
        this.keyFile = keyFile;
    }

    /** $XDG_CONFIG_HOME/tlsverdict/cache.key, else ~/.config/tlsverdict/cache.key: beside, not inside, the cache. */
    static Path defaultKeyFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return root.resolve("tlsverdict").resolve("cache.key");
    }

    /**
     * The entries under {@code keys}, in their order (null for each one missing or refused). They
     * are read on two threads: deserializing the pieces is most of a cached run's rule loading. Of
     * the problems found, the first in key order is the one reported, whichever thread saw it first.
     */
    List<Collection<KiePackage>> readAll(List<String> keys) {
        List<Entry> entries = keys.parallelStream().map(this::entry).toList();
        entries.stream().map(Entry::problem).filter(java.util.Objects::nonNull).findFirst().ifPresent(this::warn);
        return entries.stream().map(Entry::packages).toList();
    }

    /** An entry read: its packages, or null and maybe the problem that made it unusable. */
    private record Entry(Collection<KiePackage> packages, String problem) {
        static final Entry NONE = new Entry(null, null);
    }

    private Entry entry(String key) {
        Path file = dir.resolve(key + ".bin");
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Entry.NONE;
        }
        String problem = checkedFolder();
        problem = problem != null ? problem : unsafeFile(file);
        if (problem != null) {
            return new Entry(null, problem);
        }
        byte[] secret = readSecret();
        if (secret == null) {
            return Entry.NONE;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int head = MAGIC.length + TAG_BYTES;
            if (bytes.length < head || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                return Entry.NONE;
            }
            byte[] tag = Arrays.copyOfRange(bytes, MAGIC.length, head);
            byte[] payload = Arrays.copyOfRange(bytes, head, bytes.length);
            if (!MessageDigest.isEqual(tag, mac(secret, key, payload))) {
                return new Entry(null, file + ": not written by this user's tlsverdict (its HMAC does not match)");
            }
            Collection<KiePackage> packages;
            try (ObjectInputStream ois = new DroolsObjectInputStream(new ByteArrayInputStream(payload), RuleCompiler.class.getClassLoader())) {
                @SuppressWarnings("unchecked")
                Collection<KiePackage> read = (Collection<KiePackage>) ois.readObject();
                packages = read;
            }
            markUsed(file);
            return new Entry(packages, null);
        } catch (IOException | ClassNotFoundException | RuntimeException | GeneralSecurityException e) {
            if (Boolean.getBoolean("tlsverdict.debug")) {
                e.printStackTrace();
            }
            // A stale or damaged cache entry is rebuilt, never trusted.
            return Entry.NONE;
        }
    }

    private synchronized byte[] readSecret() {
        return readSecret != null ? readSecret : (readSecret = secret(false));
    }

    private synchronized String checkedFolder() {
        if (!folderChecked) {
            folderChecked = true;
            folderProblem = unsafeFolder(dir);
        }
        return folderProblem;
    }

    private static void markUsed(Path file) {
        try {
            long now = System.currentTimeMillis();
            if (Files.getLastModifiedTime(file).toMillis() < now - USED_MARK_MILLIS) {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(now));
            }
        } catch (IOException e) {
            // Only pruning order depends on it.
        }
    }

    void write(String key, Collection<KiePackage> packages) {
        try {
            createPrivateDirectories(dir);
            String problem = checkedFolder();
            if (problem != null) {
                warn(problem);
                return;
            }
            byte[] secret = writeSecret != null ? writeSecret : (writeSecret = secret(true));
            if (secret == null) {
                return;
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (ObjectOutputStream oos = new DroolsObjectOutputStream(buf)) {
                oos.writeObject(new ArrayList<>(packages));
            }
            byte[] payload = buf.toByteArray();
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            try {
                try (var out = Files.newOutputStream(tmp)) {
                    out.write(MAGIC);
                    out.write(mac(secret, key, payload));
                    out.write(payload);
                }
                try {
                    Files.move(tmp, dir.resolve(key + ".bin"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir.resolve(key + ".bin"), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (!pruned) {
                pruned = true;
                prune();
            }
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            // The cache only saves time; a read-only home must not stop a run.
        }
    }

    private static byte[] mac(byte[] secret, String key, byte[] payload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update((key + "\n").getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(payload);
    }

    /** The per-user secret; created when {@code create} and missing. Null (with a warning) when it is not private. */
    private byte[] secret(boolean create) {
        try {
            if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
                if (!create) {
                    return null;
                }
                createPrivateDirectories(keyFile.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = keyFile.resolveSibling(keyFile.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                Files.deleteIfExists(tmp);
                if (posix(keyFile.getParent())) {
                    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(tmp);
                }
                Files.write(tmp, fresh);
                try {
                    Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(tmp); // another run made it first: use theirs
                }
            }
            String problem = unsafeFolder(keyFile.getParent());
            problem = problem != null ? problem : unsafeKey(keyFile);
            if (problem != null) {
                warn(problem);
                return null;
            }
            byte[] secret = Files.readAllBytes(keyFile);
            return secret.length >= 32 ? secret : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDirectories(Path d) throws IOException {
        if (Files.isDirectory(d)) {
            return;
        }
        if (d.getParent() != null) {
            Files.createDirectories(d.getParent());
        }
        try {
            if (posix(d)) {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(d);
            }
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent run; checked like any other before use
        }
    }

    /** Why {@code d} could hold files from someone else, or null when only this user can write there. */
    static String unsafeFolder(Path d) {
        if (!posix(d)) {
            return null; // no owners or modes to read; the HMAC still guards each entry
        }
        try {
            Path abs = d.toAbsolutePath().normalize();
            PosixFileAttributes a = Files.readAttributes(abs, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink() || !a.isDirectory()) {
                return abs + ": compiled-rule cache folder is not a plain folder; cache not used";
            }
            if (!a.owner().equals(currentUser(abs))) {
                return abs + ": compiled-rule cache folder belongs to " + a.owner().getName() + ", not to this user; cache not used";
            }
            if (a.permissions().contains(PosixFilePermission.GROUP_WRITE) || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                return abs + ": compiled-rule cache folder is writable by others; cache not used";
            }
            // A folder above that others may write into (without the sticky bit) lets them swap this one.
            for (Path up = abs.getParent(); up != null; up = up.getParent()) {
                PosixFileAttributes u = Files.readAttributes(up, PosixFileAttributes.class);
                boolean sticky = Boolean.TRUE.equals(stickyBit(up));
                if (!sticky && (u.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                        || (u.permissions().contains(PosixFilePermission.GROUP_WRITE) && !u.owner().equals(currentUser(up))))) {
                    return abs + ": a folder above the compiled-rule cache (" + up + ") is writable by others; cache not used";
                }
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return d + ": cannot read the owner of the compiled-rule cache folder (" + e.getMessage() + "); cache not used";
        }
    }

    private static Boolean stickyBit(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            return mode instanceof Integer m && (m & 01000) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String unsafeFile(Path f) {
        if (!posix(f)) {
            return null;
        }
        try {
            PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return f + ": compiled-rule cache entry is not a plain file; not used";
            }
            if (!a.owner().equals(currentUser(f))) {
                return f + ": compiled-rule cache entry belongs to " + a.owner().getName() + "; not used";
            }
            if (a.permissions().contains(PosixFilePermission.GROUP_WRITE) || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                return f + ": compiled-rule cache entry is writable by others; not used";
            }
            return null;
        } catch (IOException e) {
            return f + ": " + e.getMessage();
        }
    }

    private static String unsafeKey(Path f) {
        if (!posix(f)) {
            return null;
        }
        try {
            PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> p = a.permissions();
            if (!a.isRegularFile() || !a.owner().equals(currentUser(f))
                    || p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                return f + ": the compiled-rule cache key must be a file of this user readable by nobody else (chmod 600); cache not used";
            }
            return null;
        } catch (IOException e) {
            return f + ": " + e.getMessage();
        }
    }

    private static UserPrincipal currentUser(Path onFileSystemOf) throws IOException {
        return onFileSystemOf.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    }

    private synchronized void warn(String problem) {
        if (!warned) {
            warned = true;
            System.err.println("tlsverdict: " + problem);
        }
    }

    /** Keeps the newest entries only: every edit of a rule file makes a new key. */
    private void prune() throws IOException {
        try (var s = Files.list(dir)) {
            List<Path> entries = s.filter(p -> p.getFileName().toString().endsWith(".bin"))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
            for (Path old : entries.subList(Math.min(MAX_ENTRIES, entries.size()), entries.size())) {
                Files.deleteIfExists(old);
            }
        }
    }
}
