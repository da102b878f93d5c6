package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.collect.Starttls;

/**
 * Opens the connections of one target: only to the address it was given, paced to {@code --rate},
 * within the connection budget and the overall deadline, through the STARTTLS dialogue. A refused
 * connection or a 421/454 waits (doubling each time) and tries again; the caller never sees the
 * throttling unless it persists, in which case the scan stops with what it has.
 */
final class Connector {

    private final InetSocketAddress address;
    private final Starttls starttls;
    private final ProbeLimits limits;
    private final List<String> events = new ArrayList<>();
    private long lastStartNanos;
    private int connections;
    private boolean everConnected;

    Connector(InetSocketAddress address, Starttls starttls, ProbeLimits limits) {
        this.address = address;
        this.starttls = starttls;
        this.limits = limits;
    }

    /** TCP connections made so far (each one counts, including those a server turned away). */
    int connections() {
        return connections;
    }

    /** Throttling and retries seen, for the report. */
    List<String> events() {
        return List.copyOf(events);
    }

    ProbeLimits limits() {
        return limits;
    }

    /**
     * A connection ready for a ClientHello.
     *
     * @throws ProbeStop              deadline, budget or persistent throttling
     * @throws StarttlsDialogue.NotOffered    the server has no STARTTLS
     * @throws IOException            the connection failed in another way (timeout, garbage in the dialogue)
     */
    /** A connection for a one-off probe, or null after noting in {@code f} why none could be had ("what: reason"). */
    Connection openOrNote(Findings f, String what) throws ProbeStop, StarttlsDialogue.NotOffered {
        try {
            return open();
        } catch (StarttlsDialogue.NotOffered | ProbeStop e) {
            throw e;
        } catch (IOException e) {
            f.problem(what + ": " + e.getMessage());
            return null;
        }
    }

    Connection open() throws ProbeStop, IOException {
        int backoff = limits.backoffMillis();
        for (int attempt = 0; ; attempt++) {
            pace();
            long connectionDeadline = System.nanoTime() + limits.connectionTimeoutMillis() * 1_000_000L;
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(address, limits.connectionTimeoutMillis());
            } catch (ConnectException e) {
                closeQuietly(socket);
                if (!everConnected) {
                    throw new ProbeStop("cannot connect to " + address + ": " + e.getMessage());
                }
                backoff = backOff(attempt, backoff, "connection refused");
                continue;
            } catch (IOException e) {
                closeQuietly(socket);
                if (!everConnected) {
                    throw new ProbeStop("cannot connect to " + address + ": " + e.getMessage());
                }
                throw new SocketTimeoutException("connect failed: " + e.getMessage());
            }
            connections++;
            everConnected = true;
            Connection c = new Connection(socket, connectionDeadline);
            try {
                StarttlsDialogue.negotiate(starttls, c.in(), c.out(), ehloLiteral(socket.getLocalAddress()));
                return c;
            } catch (Throttled t) {
                c.close();
                backoff = backOff(attempt, backoff, t.getMessage());
            } catch (IOException e) {
                c.close();
                throw e;
            }
        }
    }

    private int backOff(int attempt, int backoff, String why) throws ProbeStop {
        if (attempt >= limits.maxRetries()) {
            events.add(why + "; gave up after " + (attempt + 1) + " attempts");
            throw new ProbeStop("server keeps refusing (" + why + ")");
        }
        long left = limits.remainingMillis();
        if (left <= backoff) {
            events.add(why + "; no time left to wait");
            throw new ProbeStop("deadline reached while the server refuses (" + why + ")");
        }
        events.add(why + "; waited " + backoff + " ms");
        sleep(backoff);
        return Math.min(backoff * 2, 60_000);
    }

    private void pace() throws ProbeStop {
        if (limits.remainingMillis() <= 0) {
            throw new ProbeStop("deadline reached");
        }
        if (connections >= limits.maxConnections()) {
            throw new ProbeStop("connection budget of " + limits.maxConnections() + " spent");
        }
        if (limits.ratePerMinute() > 0 && lastStartNanos != 0) {
            long interval = (long) (60_000_000_000L / limits.ratePerMinute());
            long wait = lastStartNanos + interval - System.nanoTime();
            if (wait > 0) {
                if (wait / 1_000_000L >= limits.remainingMillis()) {
                    throw new ProbeStop("deadline reached (pacing at " + limits.ratePerMinute() + "/min)");
                }
                sleep(wait / 1_000_000L);
            }
        }
        lastStartNanos = System.nanoTime();
    }

    private static void sleep(long millis) throws ProbeStop {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeStop("interrupted");
        }
    }

    /** RFC 5321 address literal of our end of the connection, the honest EHLO name of a scanner. */
    static String ehloLiteral(java.net.InetAddress local) {
        if (local instanceof java.net.Inet6Address) {
            String text = local.getHostAddress();
            int zone = text.indexOf('%');
            return "[IPv6:" + (zone >= 0 ? text.substring(0, zone) : text) + "]";
        }
        return "[" + local.getHostAddress() + "]";
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Not connected anyway.
        }
    }
}
