package org.tlsverdict.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.Policy;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;

/**
 * A policy named on the command line: a folder, a shipped policy's id, or {@code git:REV:PATH} read from the repository
 * at that revision without touching the work tree (the top folder of PATH is extracted with
 * {@code git archive} into a temporary folder, so includes and extends resolve as they were).
 */
final class PolicySpec {

    private PolicySpec() {
    }

    static Policy load(String spec, Path scratch) throws PolicyException {
        return load(spec, scratch, Path.of("."));
    }

    /** {@code workDir}: where git looks for the repository (the working directory on the command line). */
    static Policy load(String spec, Path scratch, Path workDir) throws PolicyException {
        if (!spec.startsWith("git:")) {
            return PolicyLoader.load(BundledPolicies.locate(spec));
        }
        String rest = spec.substring(4);
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new PolicyException(spec + ": expected git:REV:PATH, e.g. git:HEAD~1:rules/privacyguides-2023");
        }
        String rev = rest.substring(0, colon);
        String path = rest.substring(colon + 1).replaceAll("/+$", "");
        String top = git(workDir, "rev-parse", "--show-toplevel").strip();
        String commit = run(Path.of(top), "git", "rev-parse", "--verify", "--quiet", rev + "^{commit}");
        if (commit == null || commit.isBlank()) {
            throw new PolicyException(spec + ": git revision '" + rev + "' does not exist");
        }
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        Path dir;
        try {
            dir = Files.createDirectories(scratch.resolve(commit.strip()));
            Path tar = scratch.resolve(commit.strip() + ".tar");
            if (run(Path.of(top), "git", "archive", "--format=tar", "-o", tar.toString(), commit.strip(), "--", first) == null) {
                throw new PolicyException(spec + ": '" + first + "' does not exist at " + rev);
            }
            if (run(dir, "tar", "-xf", tar.toString()) == null) {
                throw new PolicyException(spec + ": cannot unpack the policy from git");
            }
        } catch (IOException e) {
            throw new PolicyException(spec + ": " + e.getMessage(), e);
        }
        Path policyDir = dir.resolve(path);
        if (!Files.isDirectory(policyDir)) {
            throw new PolicyException(spec + ": '" + path + "' is not a policy folder at " + rev);
        }
        Policy p = PolicyLoader.load(policyDir, dir);
        return new Policy(p.manifest(), p.dir(), spec, p.ruleFiles());
    }

    private static String git(Path workDir, String... args) throws PolicyException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        String out = run(workDir, cmd);
        if (out == null) {
            throw new PolicyException("git " + String.join(" ", args) + ": not inside a git repository");
        }
        return out;
    }

    /** Standard output, or null when the command fails. */
    private static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.getErrorStream().readAllBytes();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
