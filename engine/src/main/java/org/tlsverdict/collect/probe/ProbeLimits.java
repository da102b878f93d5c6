package org.tlsverdict.collect.probe;

/**
 * How gentle and how patient one target's scan is.
 *
 * @param connectionTimeoutMillis limit for one connection: connect, STARTTLS dialogue and handshake together
 * @param deadlineNanos           System.nanoTime() after which no new connection is opened
 * @param ratePerMinute           at most this many new connections per minute (0: no pacing)
 * @param maxConnections          connection budget of the target
 * @param maxHandshakeBytes       handshake bytes read per connection before the server is cut off
 * @param backoffMillis           first wait after a 421/454 or refused connection; doubles per retry
 * @param maxRetries              retries of one connection after throttling before the scan stops
 */
record ProbeLimits(int connectionTimeoutMillis, long deadlineNanos, double ratePerMinute, int maxConnections,
                   int maxHandshakeBytes, int backoffMillis, int maxRetries) {

    static ProbeLimits of(int timeoutSeconds, int deadlineSeconds, double ratePerMinute) {
        long deadline = System.nanoTime() + Math.max(1, deadlineSeconds) * 1_000_000_000L;
        return new ProbeLimits(Math.max(1, timeoutSeconds) * 1000, deadline, Math.max(0, ratePerMinute), 600,
                512 * 1024, 2000, 5);
    }

    long remainingMillis() {
        return (deadlineNanos - System.nanoTime()) / 1_000_000L;
    }
}
