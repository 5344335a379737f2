package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.testing.Await;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The news of ended calls on a node's clustered event bus: the ends of one event-loop turn travel in one message. */
class CallEventsTest {

    private static VfnNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        TestNode.stop(node);
    }

    @Test
    void endsOfOneTurn_arePublishedTogether_inTheOrderTheyEnded() {
        Vertx vertx = node.context().vertx();
        List<JsonObject> published = new CopyOnWriteArrayList<>();
        MessageConsumer<JsonObject> listener =
                vertx.eventBus().consumer(CallEvents.ENDED, message -> published.add(message.body()));
        Await.result(listener.completion(), 10);
        CallEvents events = new CallEvents(vertx);
        List<CallRecord> calls =
                IntStream.range(0, 5).mapToObj(n -> ended("call-" + n)).toList();
        try {
            vertx.getOrCreateContext().runOnContext(v -> calls.forEach(events::ended));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
            vertx.getOrCreateContext().runOnContext(v -> events.ended(ended("call-5")));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 2);

            assertThat(CallEvents.callIds(published.get(0)))
                    .containsExactly("call-0", "call-1", "call-2", "call-3", "call-4");
            assertThat(published.get(0).getJsonArray("calls").getJsonObject(0).getString("status"))
                    .isEqualTo("succeeded");
            assertThat(CallEvents.callIds(published.get(1))).containsExactly("call-5");
        } finally {
            Await.result(listener.unregister(), 10);
        }
    }

    @Test
    void anEndPublishedByANodeOfThePreviousRelease_isRead() {
        assertThat(CallEvents.callIds(new JsonObject().put("callId", "old").put("status", "failed")))
                .containsExactly("old");
        assertThat(CallEvents.callIds(new JsonObject())).isEmpty();
    }

    private static CallRecord ended(String callId) {
        return TestCalls.acceptedEcho(callId).status(CallStatus.SUCCEEDED, System.currentTimeMillis());
    }
}
