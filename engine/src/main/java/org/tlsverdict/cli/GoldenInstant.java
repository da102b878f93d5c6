package org.tlsverdict.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --at} of the commands that judge saved scans against goldens ({@code replay}, {@code diff}),
 * as a picocli mixin: a fixed default instant, so certificate validity does not drift with the calendar.
 */
final class GoldenInstant {

    static final String DEFAULT_AT = "2027-01-01T00:00:00Z";

    @Option(names = "--at", defaultValue = DEFAULT_AT, paramLabel = "INSTANT",
            description = "instant certificates are judged at (default: ${DEFAULT-VALUE})")
    Instant at;
}
