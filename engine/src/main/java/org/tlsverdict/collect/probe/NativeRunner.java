package org.tlsverdict.collect.probe;

import java.util.List;
import org.tlsverdict.collect.ScanException;
import org.tlsverdict.collect.ScanRunner;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;
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
        Starttls starttls = options.starttlsFor(target);
        NativeProber.Settings settings = new NativeProber.Settings(options.timeoutSeconds(), options.deadlineSeconds(),
                options.ratePerMinute(), starttls, options.caFile(), options.enumerateGroups());
        NativeProber.Result r = new NativeProber(CipherRegistry.standard()).probe(target, settings, progress);
        return new ScanResult(r.facts(), List.of(), r.connections(), r.problems(), r.presentedChain());
    }

}
