package io.vfn.sdk.client.testing;

import io.vertx.core.Future;
import io.vfn.sdk.client.VfnClientException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for the client's futures on a test thread, bounded in time. */
public final class Futures {

    private Futures() {}

    /**
     * @param future a future
     * @param <T>    its type
     * @return its result within 60 s
     */
    public static <T> T await(Future<T> future) {
        try {
            return future.await(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within 60 s", e);
        }
    }

    /**
     * @param future a future expected to fail with a {@link VfnClientException}
     * @return the exception
     */
    public static VfnClientException failure(Future<?> future) {
        try {
            future.await(60, TimeUnit.SECONDS);
        } catch (VfnClientException e) {
            return e;
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 60 s", e);
        }
        throw new AssertionError("expected a VfnClientException, the call succeeded");
    }
}
