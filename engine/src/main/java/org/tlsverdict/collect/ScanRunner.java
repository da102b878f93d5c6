package org.tlsverdict.collect;

import java.nio.file.Path;
import java.util.List;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.EndpointFacts;

/**
 * One way to collect the facts of a target: the native prober or an external tool
 * (testssl.sh, nmap, sslscan). {@code scan} owns the runner choice, output and progress.
 */
public interface ScanRunner {

    /** The name used with {@code --runner}. */
    String name();

    ScanResult scan(ScanTarget target, ScanOptions options, ScanProgress progress) throws ScanException;

    /**
     * @param facts       the endpoint facts, with provenance on every fact
     * @param rawOutputs  raw tool output kept next to the facts (empty for the native prober)
     * @param connections TCP connections made, or -1 when the runner cannot count them
     * @param notes       what the runner could not determine or had to wait for, one line each
     * @param presentedChain the certificate chain as the server sent it (DER, leaf first), when the
     *                    runner keeps the bytes (native); empty otherwise
     * @param domains     mail-domain facts the tool reported beside the endpoint (testssl.sh's CAA
     *                    finding, kept as a domain named after the host); empty otherwise
     */
    record ScanResult(EndpointFacts facts, List<Path> rawOutputs, int connections, List<String> notes,
                      List<byte[]> presentedChain, List<DomainFacts> domains) {

        public ScanResult {
            rawOutputs = rawOutputs == null ? List.of() : List.copyOf(rawOutputs);
            notes = notes == null ? List.of() : List.copyOf(notes);
            presentedChain = presentedChain == null ? List.of() : List.copyOf(presentedChain);
            domains = domains == null ? List.of() : List.copyOf(domains);
        }

        public ScanResult(EndpointFacts facts, List<Path> rawOutputs, int connections, List<String> notes,
                          List<byte[]> presentedChain) {
            this(facts, rawOutputs, connections, notes, presentedChain, List.of());
        }

        public ScanResult(EndpointFacts facts, List<Path> rawOutputs, int connections) {
            this(facts, rawOutputs, connections, List.of(), List.of());
        }
    }

    /**
     * Runner settings; a runner ignores what does not apply to it. {@code enumerateGroups} asks for
     * the full list of named groups per version (one connection per group; native prober only).
     */
    record ScanOptions(Path workDir, int timeoutSeconds, int deadlineSeconds, double ratePerMinute,
                       Starttls starttls, Path caFile, boolean enumerateGroups) {

        public ScanOptions(Path workDir, int timeoutSeconds, int deadlineSeconds, double ratePerMinute,
                           Starttls starttls, Path caFile) {
            this(workDir, timeoutSeconds, deadlineSeconds, ratePerMinute, starttls, caFile, false);
        }

        /** What to speak to {@code target}: the forced dialect, or the target's own when none (or auto) is set. */
        public Starttls starttlsFor(ScanTarget target) {
            return (starttls == null ? Starttls.AUTO : starttls).forTarget(target);
        }
    }

    /** Progress callback: a runner reports steps; the command decides how (or whether) to show them. */
    interface ScanProgress {
        void step(ScanTarget target, String what, int done, int total);

        ScanProgress SILENT = (t, w, d, n) -> { };
    }
}
