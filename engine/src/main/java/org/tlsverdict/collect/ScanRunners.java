package org.tlsverdict.collect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.tlsverdict.collect.probe.NativeRunner;

/**
 * The runners {@code scan --runner NAME} can use, by name: the native prober first (the default),
 * then every {@link ScanRunner} listed in {@code META-INF/services/org.tlsverdict.collect.ScanRunner}
 * (external tools register there).
 */
public final class ScanRunners {

    public static final String DEFAULT = NativeRunner.NAME;

    private ScanRunners() {
    }

    public static Map<String, ScanRunner> all() {
        Map<String, ScanRunner> byName = new LinkedHashMap<>();
        byName.put(NativeRunner.NAME, new NativeRunner());
        for (ScanRunner r : ServiceLoader.load(ScanRunner.class)) {
            byName.putIfAbsent(r.name(), r);
        }
        return Collections.unmodifiableMap(byName);
    }
}
