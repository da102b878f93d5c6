package org.tlsverdict.cli.daemon;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * One run in the daemon, over the client's streams: System.out and System.err are built as the JVM
 * builds them, each write going back as a frame, and are the client's for exactly as long as the run.
 */
final class ServedRun {

    private ServedRun() {
    }

    /** The run itself, with System.out and System.err the client's until it is over (not a moment past it). */
    static int run(DaemonServer.Handler handler, String[] args, boolean console, Charset outEncoding, Charset errEncoding, DataOutputStream socket) {
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        FrameOutput errFrames = new FrameOutput(socket, Wire.ERR);
        // As the JVM builds System.out and System.err: a small buffer, flushed at each line.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FrameOutput(socket, Wire.OUT), 128), true, outEncoding);
        PrintStream err = new PrintStream(new BufferedOutputStream(errFrames, 128), true, errEncoding);
        System.setOut(out);
        System.setErr(err);
        try {
            return handler.run(args, new DaemonServer.Request(console, out, outEncoding, err, errEncoding, errFrames::written));
        } catch (Throwable t) {
            // What the JVM prints for an error nothing caught, and its exit code.
            err.print("Exception in thread \"main\" ");
            t.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
    }
}
