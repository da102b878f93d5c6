package org.tlsverdict.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.TypeConversionException;

/** {@code --at}: an ISO-8601 instant, or a plain date meaning its start in UTC (2030-01-01). */
final class AtInstant {

    private AtInstant() {
    }

    static Instant parse(String text) {
        String s = text.strip();
        try {
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is neither a date (2030-01-01) nor an instant (2030-01-01T00:00:00Z)");
        }
    }
}
