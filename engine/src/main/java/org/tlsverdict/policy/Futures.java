package org.tlsverdict.policy;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for work handed to another thread, with the failure it met rethrown as the caller's
 * own: a RuntimeException as itself (a rule's or a reader's error keeps its type and message),
 * anything else wrapped; an interrupted wait keeps the interrupt and stops the caller.
 */
public final class Futures {

    private Futures() {
    }

    public static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits for each in turn; the first failure is thrown. */
    public static void awaitAll(List<? extends Future<?>> futures) {
        for (Future<?> f : futures) {
            await(f);
        }
    }
}
