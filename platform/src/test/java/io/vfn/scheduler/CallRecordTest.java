package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** An async call's record through its life: what each change keeps, drops and counts. */
class CallRecordTest {

    private static CallRecord accepted() {
        return CallRecord.accepted(
                "call-1",
                "greeter",
                "POST",
                "/",
                "",
                MultiMap.caseInsensitiveMultiMap().add("X-Plain", "kept"),
                Buffer.buffer("ada"),
                null,
                1_000);
    }

    @Test
    void accepted_isQueued_withItsRequestToReplay() {
        CallRecord call = accepted();

        assertThat(call.status()).isEqualTo(CallStatus.QUEUED);
        assertThat(call.attempts()).isZero();
        assertThat(call.body().toString()).isEqualTo("ada");
        assertThat(call.request().getJsonObject("headers").getString("X-Plain")).isEqualTo("kept");
    }

    @Test
    void theFieldsTheStoreIndexes_comeBeforeTheRequest_evenWithNoCallback_andStayThereThroughItsLife() {
        // The store finds a record's indexed fields by parsing it from its start, and stops where it finds them.
        CallRecord call = accepted().attempt().status(CallStatus.RUNNING, 2_000).lease("node-a", 9_000);
        call.status(CallStatus.FAILED, 3_000).result(new JsonObject().put("statusCode", 500));

        for (CallRecord record : new CallRecord[] {
            accepted(), call, CallRecord.parse(call.encode()).redriven(4_000)
        }) {
            assertThat(new JsonObject(record.encode()).fieldNames())
                    .as(record.encode())
                    .startsWith("callId", "function", "status", "callback");
        }
        assertThat(accepted().view().containsKey("callback")).isFalse();
    }

    @Test
    void aView_leavesOutTheRequest_andRedactsTheCallbackUrl_withoutChangingTheRecord() {
        CallRecord call = CallRecord.accepted(
                "call-2",
                "greeter",
                "POST",
                "/",
                "",
                MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("ada"),
                "https://user:secret@hooks.example/done",
                1_000);

        JsonObject view = call.view();

        assertThat(view.containsKey("request")).isFalse();
        assertThat(view.getJsonObject("callback").getString("url")).doesNotContain("secret");
        assertThat(call.callback().getString("url")).contains("secret");
    }

    @Test
    void eachRun_recordsItsStart() {
        CallRecord call = accepted().attempt().status(CallStatus.RUNNING, 2_000);
        call.status(CallStatus.QUEUED, 2_500).attempt().status(CallStatus.RUNNING, 3_000);

        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.view().getJsonArray("attemptStarts").getList()).containsExactly(2_000L, 3_000L);
    }

    @Test
    void ending_dropsTheLease() {
        CallRecord call = accepted().lease("node-a", 9_000).status(CallStatus.SUCCEEDED, 4_000);

        assertThat(call.leaseOwner()).isNull();
        assertThat(call.leaseUntil()).isZero();
        assertThat(call.view().getLong("endedAt")).isEqualTo(4_000);
    }

    @Test
    void succeededOrCancelled_dropsTheBody_failedKeepsItForARetry() {
        assertThat(accepted().status(CallStatus.SUCCEEDED, 4_000).request().containsKey("body"))
                .isFalse();
        assertThat(accepted().status(CallStatus.CANCELLED, 4_000).request().containsKey("body"))
                .isFalse();
        assertThat(accepted().status(CallStatus.FAILED, 4_000).body().toString())
                .isEqualTo("ada");
    }

    @Test
    void aResult_isCountedInTheRecordsBytes() {
        CallRecord call = accepted();
        long before = call.bytes();

        call.result(new JsonObject().put("statusCode", 200).put("bodyBase64", "x".repeat(4_000)));

        assertThat(call.bytes()).isEqualTo(before + 4_000);
    }

    @Test
    void redriven_isQueuedAgain_withNoAttemptResultErrorOrLease() {
        CallRecord failed = accepted()
                .attempt()
                .status(CallStatus.RUNNING, 2_000)
                .lease("node-a", 9_000)
                .error("Function failed")
                .status(CallStatus.FAILED, 3_000);

        CallRecord again = failed.redriven(5_000);

        assertThat(again.status()).isEqualTo(CallStatus.QUEUED);
        assertThat(again.attempts()).isZero();
        assertThat(again.createdAt()).isEqualTo(5_000);
        assertThat(again.result()).isNull();
        assertThat(again.view().containsKey("error")).isFalse();
        assertThat(again.leaseOwner()).isNull();
        assertThat(again.body().toString()).isEqualTo("ada");
        assertThat(failed.status()).as("the record it was made from").isEqualTo(CallStatus.FAILED);
    }
}
