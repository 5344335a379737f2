package io.vfn.testing;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future on a test thread, bounded in time. */
public final class Await {

    private Await() {}

    /**
     * @param future  the future
     * @param seconds the most to wait
     * @param <T>     its type
     * @return its result
     * @throws AssertionError when it does not complete in time
     */
    public static <T> T result(Future<T> future, long seconds) {
        try {
            return future.await(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + seconds + " s", e);
        }
    }
}
