package org.tlsverdict.collect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tlsverdict.collect.probe.NativeRunner;
import org.tlsverdict.collect.runner.ExternalRunners;

/**
 * The runners {@code scan --runner NAME} can use, by name: the native prober first (the default),
 * then the runners that drive installed scanners (testssl, nmap, sslscan).
 */
public final class ScanRunners {

    public static final String DEFAULT = NativeRunner.NAME;

    private ScanRunners() {
    }

    public static Map<String, ScanRunner> all() {
        Map<String, ScanRunner> byName = new LinkedHashMap<>();
        byName.put(NativeRunner.NAME, new NativeRunner());
        for (ScanRunner r : ExternalRunners.all()) {
            byName.putIfAbsent(r.name(), r);
        }
        return Collections.unmodifiableMap(byName);
    }
}
