package io.vfn.gateway;

import io.vfn.Failure;
import io.vfn.VfnException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bytes one node holds for calls in flight, from the first byte read until the answer is written: one
 * bound for the whole node ({@code --max-inflight-body}), shared by every gateway instance. A request that would pass
 * it is refused with {@code 503} and {@code Retry-After}, before its body is read when {@code Content-Length} says
 * how large it is.
 *
 * <p>Bodies over {@link #SMALL} bytes may fill three quarters of the bound only: the last quarter stays for small
 * calls, so that ordinary calls go on while large uploads flood the node.
 */
public final class InflightBodies {

    /** The largest body that may use the quarter of the bound kept for small calls. */
    public static final long SMALL = 64 * 1024;

    private final AtomicLong held = new AtomicLong();
    private final long max;
    private final long maxForLarge;

    /**
     * @param max the most bytes of request bodies the node holds at once
     */
    public InflightBodies(long max) {
        this.max = max;
        this.maxForLarge = max / 4 * 3;
    }

    /**
     * Takes room for bytes of a body.
     *
     * @param bytes     the bytes to hold now
     * @param bodyBytes the body's size once they are held (the whole body when it was declared)
     * @return whether they fit; when not, nothing was taken
     */
    public boolean tryReserve(long bytes, long bodyBytes) {
        long limit = bodyBytes > SMALL ? maxForLarge : max;
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * @param bytes bytes reserved before, no longer held
     */
    public void release(long bytes) {
        if (bytes != 0) {
            held.addAndGet(-bytes);
        }
    }

    /** @return the bytes held now */
    public long held() {
        return held.get();
    }

    /** @return the largest body that can ever fit: a body over it is too large, not early */
    public long largest() {
        return Math.max(Math.min(SMALL, max), maxForLarge);
    }

    /** @return the refusal of a body that does not fit */
    VfnException full() {
        return Failure.UNAVAILABLE.exception("this node holds as many request bytes in flight as it may"
                + " (--max-inflight-body, " + max + " bytes); try again shortly");
    }
}
