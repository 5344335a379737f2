package io.vfn.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.testfunctions.Chatty;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A function's lines on two vfn processes, read merged through one gateway, followed as they come, and as JSON. */
class FunctionLogsIT {

    private static VfnProcess one;
    private static VfnProcess two;
    private static Gateway gateway;
    /** Node two's own gateway: calls are served local-first, so a call runs on node two only when it enters there. */
    private static Gateway viaTwo;

    @BeforeAll
    static void start() {
        String cluster = "test-" + UUID.randomUUID();
        int clusterPort = TestNode.freePort();
        one = VfnProcess.start(cluster, clusterPort, TestNode.tempDir());
        two = VfnProcess.start(cluster, clusterPort, TestNode.tempDir(), "--log-format", "json");
        gateway = new Gateway(one.port(), VfnProcess.TOKEN);
        viaTwo = new Gateway(two.port(), VfnProcess.TOKEN);
        assertThat(gateway.deploy("chatty", TestJars.of(Chatty.class), "").statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        Stream.of(gateway, viaTwo).filter(Objects::nonNull).forEach(Gateway::close);
        // Nothing is checked of their stop: killed at once, not drained one after another.
        Stream.of(one, two).filter(Objects::nonNull).forEach(VfnProcess::kill);
    }

    @Test
    void linesFromBothNodes_areMergedWithTheirCallIds() {
        Map<String, String> callIdByPid = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (Gateway entry : List.of(gateway, viaTwo)) {
                HttpResponse<Buffer> call = entry.invoke("chatty", "hi");
                if (call.statusCode() == 200) {
                    callIdByPid.put(call.bodyAsString(), call.getHeader("X-Call-Id"));
                }
            }
            return callIdByPid.size() == 2;
        });

        JsonArray lines = gateway.adminGet("/system/functions/chatty/logs").bodyAsJsonArray();

        List<JsonObject> all = lines.stream().map(JsonObject.class::cast).toList();
        assertThat(all.stream().map(line -> line.getString("node")).collect(Collectors.toSet()))
                .hasSize(2);
        for (Map.Entry<String, String> served : callIdByPid.entrySet()) {
            assertThat(all).anySatisfy(line -> {
                assertThat(line.getString("callId")).isEqualTo(served.getValue());
                assertThat(line.getString("message")).isEqualTo("jul hi on " + served.getKey());
            });
            assertThat(all).anySatisfy(line -> {
                assertThat(line.getString("callId")).isEqualTo(served.getValue());
                assertThat(line.getString("message")).isEqualTo("said hi #0");
            });
        }
        assertThat(all)
                .allSatisfy(line -> assertThat(line.getString("function")).isEqualTo("chatty"));
    }

    @Test
    void follow_streamsALineLoggedAfterItStarted() throws Exception {
        String marker = "later-" + UUID.randomUUID();
        List<String> streamed = new CopyOnWriteArrayList<>();
        HttpRequest follow = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + one.port() + "/system/functions/chatty/logs?follow=true&since=1s"))
                .header("Authorization", "Bearer " + VfnProcess.TOKEN)
                .build();
        CompletableFuture<java.net.http.HttpResponse<Stream<String>>> response =
                HttpClient.newHttpClient().sendAsync(follow, java.net.http.HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading =
                response.thenAcceptAsync(lines -> lines.body().forEach(streamed::add));
        try {
            assertThat(response.get(30, TimeUnit.SECONDS).headers().firstValue("Content-Type"))
                    .hasValue("application/x-ndjson");

            String callId = gateway.invoke("chatty", marker).getHeader("X-Call-Id");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> streamed.stream().anyMatch(line -> line.contains("said " + marker)));
            JsonObject line = streamed.stream()
                    .filter(l -> l.contains("said " + marker))
                    .map(JsonObject::new)
                    .findFirst()
                    .orElseThrow();
            assertThat(line.getString("callId")).isEqualTo(callId);
        } finally {
            reading.cancel(true);
            response.cancel(true);
        }
    }

    @Test
    void jsonFormat_writesAFunctionsLinesWithNameCallIdAndTraceId() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            viaTwo.invoke("chatty", "json");
            return two.log().lines().anyMatch(line -> line.contains("said json"));
        });

        JsonObject line = two.log()
                .lines()
                .filter(l -> l.contains("said json"))
                .map(JsonObject::new)
                .findFirst()
                .orElseThrow();

        assertThat(line.getString("function")).isEqualTo("chatty");
        assertThat(line.getString("callId")).isNotBlank();
        assertThat(line.getString("traceId")).matches("[0-9a-f]{32}");
        assertThat(line.getString("level")).isEqualTo("INFO");
        assertThat(Set.of("time", "logger", "message"))
                .allSatisfy(key -> assertThat(line.containsKey(key)).isTrue());
    }
}
