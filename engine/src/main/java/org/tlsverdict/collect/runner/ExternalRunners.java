package org.tlsverdict.collect.runner;

import java.util.List;
import org.tlsverdict.collect.ScanRunner;

/** The runners that drive installed scanners; {@code scan --runner NAME} picks one. */
public final class ExternalRunners {

    private ExternalRunners() {
    }

    public static List<ScanRunner> all() {
        return List.of(new TestsslRunner(), new NmapRunner(), new SslscanRunner());
    }
}
