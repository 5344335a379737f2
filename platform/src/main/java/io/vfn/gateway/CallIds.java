package io.vfn.gateway;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Call ids: the caller's {@code X-Call-Id} when it sends a sane one, else a new one. */
public final class CallIds {

    /** Routing-context key of the call id. */
    public static final String KEY = "vfn.callId";
    /** The header that carries it both ways. */
    public static final String HEADER = "X-Call-Id";

    private static final int MAX_LENGTH = 128;

    private CallIds() {}

    /**
     * @param given the caller's id, or {@code null}
     * @return it when it is 1-128 visible ASCII characters, else a fresh id
     */
    public static String accepted(String given) {
        if (given == null || given.isEmpty() || given.length() > MAX_LENGTH) {
            return fresh();
        }
        for (int i = 0; i < given.length(); i++) {
            char c = given.charAt(i);
            if (c <= ' ' || c > '~') {
                return fresh();
            }
        }
        return given;
    }

    /**
     * A random version-4 UUID from a thread-local generator: unique, but not secret. {@code UUID.randomUUID()}
     * draws from the shared SecureRandom, which cost ~4% of sync throughput; whatever must be unguessable (an
     * async call's handle) takes its id from {@link UUID#randomUUID()} instead.
     *
     * @return a new id
     */
    public static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & 0xFFFFFFFFFFFF0FFFL | 0x0000000000004000L;
        long least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
