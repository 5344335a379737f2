package io.vfn.scheduler;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Call records for the scheduler's tests. */
final class TestCalls {

    private TestCalls() {}

    /**
     * @param callId the call's id
     * @return a call of {@code echo} accepted now: {@code POST}, no headers, a one-byte body, no callback
     */
    static CallRecord acceptedEcho(String callId) {
        return CallRecord.accepted(
                callId,
                "echo",
                "POST",
                "",
                "",
                MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("x"),
                null,
                System.currentTimeMillis());
    }
}
