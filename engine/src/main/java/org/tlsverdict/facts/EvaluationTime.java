package org.tlsverdict.facts;

import java.time.Instant;

/** Rule fact: the instant certificates are judged at (now, or --at for reproducible runs). */
public record EvaluationTime(Instant instant) {

    public long getEpochSecond() {
        return instant.getEpochSecond();
    }
}
