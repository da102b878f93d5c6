package org.tlsverdict.collect.probe;

import java.util.List;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.facts.CipherRegistry;

/** {@code --runner native}: the built-in prober, no external tool. */
public final class NativeRunner implements ScanRunner {

    public static final String NAME = "native";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScanResult scan(ScanTarget target, ScanOptions options, ScanProgress progress) throws ScanException {
        String starttls = starttls(target, options.starttlsOverride());
        NativeProber.Settings settings = new NativeProber.Settings(options.timeoutSeconds(), options.deadlineSeconds(),
                options.ratePerMinute(), starttls, options.caFile(), options.enumerateGroups());
        NativeProber.Result r = new NativeProber(CipherRegistry.standard()).probe(target, settings, progress);
        return new ScanResult(r.facts(), List.of(), r.connections(), r.problems(), r.presentedChain());
    }

    /** --starttls: auto (from the target's service), none, or a dialect forced. */
    static String starttls(ScanTarget target, String override) {
        if (override == null || override.equals("auto")) {
            return target.starttlsProtocol();
        }
        return override.equals("none") ? null : override;
    }
}
