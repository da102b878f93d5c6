package org.tlsverdict.collect.runner;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanTarget;

/** Runs an installed scanner as a child process, streaming its output lines for progress. */
final class ExternalTool {

    private final String executable;
    private final String debianPackage;

    ExternalTool(String executable, String debianPackage) {
        this.executable = executable;
        this.debianPackage = debianPackage;
    }

    /** The executable on PATH, or a ScanException that says which Debian package to install. */
    Path locate() throws ScanException {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, executable);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new ScanException(executable + " is not installed; install it with: apt-get install " + debianPackage);
    }

    /**
     * Runs the tool; every output line goes to {@code lines}. Ends it after {@code deadlineSeconds}.
     * Returns the exit code; the last output lines are kept for error messages.
     */
    Result run(ScanTarget target, List<String> args, Path workDir, int deadlineSeconds, Consumer<String> lines)
            throws ScanException {
        List<String> command = new ArrayList<>();
        command.add(locate().toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        List<String> tail = new ArrayList<>();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ScanException(target + ": cannot start " + executable + ": " + e.getMessage(), e);
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (tail) {
                        tail.add(line);
                        if (tail.size() > 20) {
                            tail.remove(0);
                        }
                    }
                    lines.accept(line);
                }
            } catch (IOException e) {
                // The process ended or was killed; what was read is kept.
            }
        }, executable + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new ScanException(target + ": " + executable + " did not finish within " + deadlineSeconds + " s; stopped");
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ScanException(target + ": interrupted while " + executable + " was running", e);
        }
        synchronized (tail) {
            return new Result(p.exitValue(), List.copyOf(tail));
        }
    }

    record Result(int exitCode, List<String> tail) {
        String lastLine() {
            for (int i = tail.size() - 1; i >= 0; i--) {
                if (!tail.get(i).isBlank()) {
                    return tail.get(i).strip();
                }
            }
            return "(no output)";
        }
    }
}
