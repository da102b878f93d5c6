package org.tlsverdict.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The pacing and time limits of the commands that connect ({@code scan}, {@code check}), as a picocli mixin. */
final class ConnectionLimits {

    @Option(names = "--rate", paramLabel = "N/min", converter = RateConverter.class,
            description = "at most N new connections per minute per endpoint (default: no pacing)")
    double rate;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "S", description = "limit per connection in seconds (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--deadline", defaultValue = "300", paramLabel = "S", description = "overall limit per endpoint in seconds (default: ${DEFAULT-VALUE})")
    int deadline;

    /** The one-line complaint about the limits, or null when they are usable. */
    String problem() {
        return timeout < 1 || deadline < 1 ? "--timeout and --deadline must be at least 1 second" : null;
    }

    /** "30/min", "30" (per minute) or "1/s". */
    static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            double factor = 1;
            if (v.endsWith("/min")) {
                v = v.substring(0, v.length() - 4);
            } else if (v.endsWith("/s")) {
                v = v.substring(0, v.length() - 2);
                factor = 60;
            }
            double n = Double.parseDouble(v.trim());
            if (n <= 0 || Double.isNaN(n) || Double.isInfinite(n)) {
                throw new IllegalArgumentException("rate must be a positive number per minute, e.g. 30/min");
            }
            return n * factor;
        }
    }
}
