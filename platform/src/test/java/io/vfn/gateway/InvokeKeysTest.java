package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.access.InvokeKeys;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.RequestEcho;
import io.vfn.testfunctions.Thrower;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.SocketClient;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Functions deployed with {@code auth=key}: every bad or missing key is 401 on every route and WebSocket op that runs
 * or reads the function, the right one runs.
 */
class InvokeKeysTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        for (String name : List.of("guarded", "other")) {
            assertThat(gateway.deploy(name, TestJars.of(RequestEcho.class), "auth=key")
                            .statusCode())
                    .isEqualTo(201);
        }
        assertThat(gateway.deploy("open", TestJars.of(RequestEcho.class), "").statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy("open-thrower", TestJars.of(Thrower.class), "maxRetries=0")
                        .statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy("guarded-thrower", TestJars.of(Thrower.class), "maxRetries=0&auth=key")
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void noKey_is401WithWwwAuthenticate_onBothRoutes() {
        for (HttpResponse<Buffer> response : bothRoutes("guarded", MultiMap.caseInsensitiveMultiMap())) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.getHeader("Content-Type")).startsWith(Problems.CONTENT_TYPE);
            assertThat(Gateway.problem(response).getString("detail")).contains("X-Api-Key");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "vfk_0123456789abcdef_notTheSecret", "vfk_"})
    void aWrongKey_is401_onBothRoutes(String key) {
        assertThat(bothRoutes("guarded", bearer(key)))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        assertThat(bothRoutes("guarded", apiKey(key)))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
    }

    @Test
    void aPercentEncodedName_isCheckedAsTheFunctionItCalls() {
        assertThat(gateway.request(HttpMethod.POST, "/async-function/guarde%64", Buffer.buffer("{}"), false)
                        .statusCode())
                .isEqualTo(401);
        assertThat(gateway.request(HttpMethod.POST, "/function/guarde%64", Buffer.buffer("{}"), false)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRouteToOneRevision_needsTheFunctionsKey_onBothRoutesAndTheSocket() {
        String key = createKey("guarded").getString("key");

        assertThat(bothRoutes("guarded@1", MultiMap.caseInsensitiveMultiMap()))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        assertThat(bothRoutes("guarded@1", bearer(key)))
                .allSatisfy(r -> assertThat(r.statusCode()).isLessThan(300));
        try (SocketClient socket = new SocketClient(node.port())) {
            socket.send(new JsonObject()
                    .put("op", "invokeAsync")
                    .put("id", "pinned")
                    .put("function", "guarded@1")
                    .put("body", "{}"));
            assertThat(socket.next(30).getInteger("status")).isEqualTo(401);
        }
    }

    @Test
    void anotherFunctionsKey_is401_onBothRoutes() {
        String otherKey = createKey("other").getString("key");

        assertThat(bothRoutes("guarded", bearer(otherKey)))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        assertThat(bothRoutes("other", bearer(otherKey)))
                .allSatisfy(r -> assertThat(r.statusCode()).isLessThan(300));
    }

    @Test
    void aRevokedKey_is401_onBothRoutes_andRevokingTwiceIs404() {
        JsonObject created = createKey("guarded");
        String key = created.getString("key");
        assertThat(bothRoutes("guarded", bearer(key)))
                .allSatisfy(r -> assertThat(r.statusCode()).isLessThan(300));

        HttpResponse<Buffer> revoke = revoke("guarded", created.getString("id"));

        assertThat(revoke.statusCode()).isEqualTo(204);
        assertThat(bothRoutes("guarded", bearer(key)))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        assertThat(revoke("guarded", created.getString("id")).statusCode()).isEqualTo(404);
    }

    @Test
    void theRightKey_asBearerOrApiKey_runsTheFunction_whichNeverSeesTheKey() {
        String key = createKey("guarded").getString("key");

        for (MultiMap headers : List.of(bearer(key), apiKey(key))) {
            HttpResponse<Buffer> sync = gateway.invoke("guarded", "{}", headers);
            assertThat(sync.statusCode()).isEqualTo(200);
            assertThat(sync.bodyAsString()).doesNotContain(key);

            HttpResponse<Buffer> async = invokeAsync("guarded", headers);
            assertThat(async.statusCode()).isEqualTo(202);
            String callId = async.bodyAsJsonObject().getString("callId");
            HttpResponse<Buffer> result = awaitResult(callId, headers);
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(result.bodyAsString() + get("/calls/" + callId, headers).bodyAsString())
                    .doesNotContain(key);
        }
    }

    @Test
    void aCallOfAKeyFunction_isReadOnlyWithThatFunctionsKey() {
        String key = createKey("guarded").getString("key");
        String otherKey = createKey("other").getString("key");
        String callId = invokeAsync("guarded", bearer(key)).bodyAsJsonObject().getString("callId");
        assertThat(awaitResult(callId, apiKey(key)).statusCode()).isEqualTo(200);

        for (String route : List.of("/calls/" + callId, "/calls/" + callId + "/result", "/calls/" + callId + "/logs")) {
            assertThat(get(route, MultiMap.caseInsensitiveMultiMap()).statusCode())
                    .as(route)
                    .isEqualTo(401);
            assertThat(get(route, bearer(otherKey)).statusCode()).as(route).isEqualTo(401);
            assertThat(get(route, bearer(key)).statusCode()).as(route).isEqualTo(200);
        }
        assertThat(gateway.request(HttpMethod.DELETE, "/calls/" + callId, null, false)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void webSocketFrames_needTheFunctionsKeyInTheirKeyField() {
        String key = createKey("guarded").getString("key");
        String otherKey = createKey("other").getString("key");
        try (SocketClient socket = new SocketClient(node.port())) {
            for (String op : List.of("invoke", "invokeAsync")) {
                JsonObject frame = new JsonObject()
                        .put("op", op)
                        .put("function", "guarded")
                        .put("body", "{}");
                socket.send(frame.copy().put("id", op + "-none"));
                assertThat(socket.next(30).getInteger("status"))
                        .as(op + " without key")
                        .isEqualTo(401);
                socket.send(frame.copy().put("id", op + "-other").put("key", otherKey));
                assertThat(socket.next(30).getInteger("status"))
                        .as(op + " with another function's key")
                        .isEqualTo(401);
                socket.send(frame.copy().put("id", op + "-right").put("key", key));
                JsonObject answer = socket.next(30);
                assertThat(answer.getString("op")).as(op + " with its key").isIn("result", "accepted");
                assertThat(answer.encode()).doesNotContain(key);
            }
        }
    }

    /** The credentials that must not open {@code guarded}. */
    enum BadKey {
        NONE,
        WRONG,
        REVOKED,
        OTHER_FUNCTIONS
    }

    @ParameterizedTest
    @EnumSource(BadKey.class)
    void aMissingWrongRevokedOrOtherFunctionsKey_is401_onEveryRouteAndWebSocketOpOfTheFunction(BadKey bad) {
        String callId = endedGuardedCall();
        String key = switch (bad) {
            case NONE -> null;
            case WRONG -> "vfk_0123456789abcdef_notTheSecret";
            case REVOKED -> revokedKey();
            case OTHER_FUNCTIONS -> createKey("other").getString("key");
        };
        MultiMap headers = key == null ? MultiMap.caseInsensitiveMultiMap() : apiKey(key);
        Map<String, Integer> statuses = new LinkedHashMap<>();

        statuses.put("/function", gateway.invoke("guarded", "{}", headers).statusCode());
        statuses.put("/async-function", invokeAsync("guarded", headers).statusCode());
        for (String route : List.of("/calls/" + callId, "/calls/" + callId + "/result", "/calls/" + callId + "/logs")) {
            statuses.put(route, get(route, headers).statusCode());
        }
        statuses.put(
                "DELETE /calls/{id}",
                Await.result(
                                gateway.client()
                                        .delete("/calls/" + callId)
                                        .putHeaders(headers)
                                        .send(),
                                60)
                        .statusCode());
        try (SocketClient socket = new SocketClient(node.port())) {
            for (JsonObject frame : List.of(
                    new JsonObject().put("op", "invoke").put("function", "guarded"),
                    new JsonObject().put("op", "invokeAsync").put("function", "guarded"),
                    new JsonObject().put("op", "subscribe").put("callId", callId))) {
                socket.send(
                        key == null
                                ? frame.put("id", "f")
                                : frame.put("id", "f").put("key", key));
                statuses.put("ws " + frame.getString("op"), socket.next(30).getInteger("status"));
            }
        }

        assertThat(statuses)
                .hasSize(9)
                .allSatisfy((route, status) -> assertThat(status).as(route).isEqualTo(401));
    }

    @Test
    void webSocketSubscribe_withTheFunctionsKey_pushesTheCallsResult() {
        String key = createKey("guarded").getString("key");
        String callId = endedGuardedCall();
        try (SocketClient socket = new SocketClient(node.port())) {
            socket.send(new JsonObject()
                    .put("op", "subscribe")
                    .put("id", "s1")
                    .put("callId", callId)
                    .put("key", key));

            JsonObject pushed = socket.next(30);

            assertThat(pushed.getString("op")).as(pushed.encode()).isEqualTo("result");
            assertThat(pushed.getString("callId")).isEqualTo(callId);
            assertThat(pushed.getInteger("status")).isEqualTo(200);
        }
    }

    @Test
    void theAdminToken_readsACallOfAKeyFunction_butInvokesNothing() {
        String callId = endedGuardedCall();
        MultiMap admin = bearer(node.context().secrets().adminToken());

        assertThat(get("/calls/" + callId, admin).statusCode()).isEqualTo(200);
        assertThat(get("/calls/" + callId + "/result", admin).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> invoked = gateway.invoke("guarded", "{}", admin);
        assertThat(invoked.statusCode()).isEqualTo(401);
        assertThat(Gateway.problem(invoked).getString("detail")).contains("admin token is not an invoke key");
    }

    @Test
    void anApiKeyBesideTheAdminToken_isTheKeyChecked() {
        String key = createKey("guarded").getString("key");
        MultiMap both = bearer(node.context().secrets().adminToken()).add("X-Api-Key", key);

        assertThat(gateway.invoke("guarded", "{}", both).statusCode()).isEqualTo(200);
    }

    @Test
    void aFunctionsException_isToldToItsKeyHolder_butNotToAnAnonymousCaller_overHttpAndWebSocket() {
        String key = createKey("guarded-thrower").getString("key");

        HttpResponse<Buffer> anonymous = gateway.invoke("open-thrower", "{}", MultiMap.caseInsensitiveMultiMap());
        HttpResponse<Buffer> keyHolder = gateway.invoke("guarded-thrower", "{}", apiKey(key));
        JsonObject anonymousFrame;
        JsonObject keyHolderFrame;
        try (SocketClient socket = new SocketClient(node.port())) {
            socket.send(new JsonObject().put("op", "invoke").put("id", "a").put("function", "open-thrower"));
            anonymousFrame = socket.next(30);
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "k")
                    .put("function", "guarded-thrower")
                    .put("key", key));
            keyHolderFrame = socket.next(30);
        }

        assertThat(anonymous.statusCode()).isEqualTo(502);
        assertThat(Gateway.problem(anonymous).getString("detail"))
                .contains("function 'open-thrower' failed")
                .doesNotContain("IllegalStateException")
                .doesNotContain("thrown on purpose");
        assertThat(anonymousFrame.getString("detail")).doesNotContain("thrown on purpose");
        assertThat(keyHolder.statusCode()).isEqualTo(502);
        assertThat(Gateway.problem(keyHolder).getString("detail")).contains("IllegalStateException: thrown on purpose");
        assertThat(keyHolderFrame.getString("detail")).contains("IllegalStateException: thrown on purpose");
    }

    @Test
    void aFailedCallsCause_isInItsRecordForKeyAndAdminHolders_andInTheFunctionsLog_neverForAnonymousReaders() {
        String key = createKey("guarded-thrower").getString("key");
        MultiMap none = MultiMap.caseInsensitiveMultiMap();
        MultiMap admin = bearer(node.context().secrets().adminToken());
        String open = invokeAsync("open-thrower", none).bodyAsJsonObject().getString("callId");
        String guarded =
                invokeAsync("guarded-thrower", apiKey(key)).bodyAsJsonObject().getString("callId");

        JsonObject anonymousRecord = awaitFailed(open, none);
        HttpResponse<Buffer> anonymousResult = get("/calls/" + open + "/result", none);
        JsonObject adminRecord = get("/calls/" + open, admin).bodyAsJsonObject();
        JsonObject keyHolderRecord = awaitFailed(guarded, apiKey(key));
        HttpResponse<Buffer> keyHolderResult = get("/calls/" + guarded + "/result", apiKey(key));
        String functionLog =
                gateway.adminGet("/system/functions/open-thrower/logs").bodyAsString();

        assertThat(anonymousRecord.getString("error")).contains("Function failed");
        assertThat(anonymousRecord.encode()).doesNotContain("thrown on purpose");
        assertThat(anonymousResult.statusCode()).isEqualTo(502);
        assertThat(anonymousResult.bodyAsString()).doesNotContain("thrown on purpose");
        assertThat(adminRecord.getString("cause")).contains("IllegalStateException: thrown on purpose");
        assertThat(keyHolderRecord.getString("cause")).contains("IllegalStateException: thrown on purpose");
        assertThat(Gateway.problem(keyHolderResult).getString("detail")).contains("thrown on purpose");
        assertThat(functionLog).contains(open).contains("IllegalStateException: thrown on purpose");
    }

    @Test
    void aKeySentToAFunctionWithoutAuth_neverReachesIt() {
        String key = createKey("guarded").getString("key");

        HttpResponse<Buffer> sync = gateway.invoke("open", "{}", apiKey(key));
        String callId = invokeAsync("open", apiKey(key)).bodyAsJsonObject().getString("callId");
        HttpResponse<Buffer> async = awaitResult(callId, MultiMap.caseInsensitiveMultiMap());

        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(sync.bodyAsString()).doesNotContain(key);
        assertThat(async.statusCode()).isEqualTo(200);
        assertThat(async.bodyAsString()).doesNotContain(key);
    }

    @Test
    void aFunctionWithoutAuth_needsNoKey_andAnUnknownFunctionStays404() {
        assertThat(bothRoutes("open", MultiMap.caseInsensitiveMultiMap()))
                .allSatisfy(r -> assertThat(r.statusCode()).isLessThan(300));
        assertThat(bothRoutes("missing", MultiMap.caseInsensitiveMultiMap()))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(404));
    }

    @Test
    void listedKeys_showIdPrefixAndCreated_neverTheKey_andTheClusterMapHoldsNoKey() {
        JsonObject created = createKey("guarded");
        String key = created.getString("key");

        HttpResponse<Buffer> list = gateway.adminGet("/system/functions/guarded/keys");
        JsonObject listed = list.bodyAsJsonArray().stream()
                .map(JsonObject.class::cast)
                .filter(k -> k.getString("id").equals(created.getString("id")))
                .findFirst()
                .orElseThrow();
        List<String> stored = new ArrayList<>(node.context()
                .cluster()
                .clusterManager()
                .getHazelcastInstance()
                .<String, String>getMap(InvokeKeys.MAP)
                .values());

        assertThat(key).startsWith(created.getString("prefix"));
        assertThat(listed.fieldNames()).containsExactlyInAnyOrder("id", "prefix", "created");
        assertThat(list.bodyAsString()).doesNotContain(key);
        assertThat(stored)
                .isNotEmpty()
                .noneMatch(json ->
                        json.contains(key.substring(created.getString("prefix").length())));
    }

    @Test
    void deletingAFunction_revokesItsKeys_soARedeployUnderItsNameDoesNotOpenToThem() {
        assertThat(gateway.deploy("short-lived", TestJars.of(RequestEcho.class), "auth=key")
                        .statusCode())
                .isEqualTo(201);
        String key = createKey("short-lived").getString("key");

        gateway.undeploy("short-lived");
        assertThat(gateway.deploy("short-lived", TestJars.of(RequestEcho.class), "auth=key")
                        .statusCode())
                .isEqualTo(201);

        assertThat(gateway.adminGet("/system/functions/short-lived/keys").bodyAsJsonArray())
                .isEmpty();
        assertThat(bothRoutes("short-lived", bearer(key)))
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        gateway.undeploy("short-lived");
    }

    @Test
    void keyRoutes_needTheAdminToken_andAnUnknownFunctionHasNoKeys() {
        assertThat(gateway.request(HttpMethod.POST, "/system/functions/guarded/keys", null, false)
                        .statusCode())
                .isEqualTo(401);
        assertThat(gateway.request(HttpMethod.GET, "/system/functions/guarded/keys", null, false)
                        .statusCode())
                .isEqualTo(401);
        assertThat(gateway.request(HttpMethod.POST, "/system/functions/missing/keys", null, true)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAuthOtherThanNoneOrKey_is400NamingTheField() {
        HttpResponse<Buffer> deploy = gateway.deploy("bad-auth", TestJars.of(RequestEcho.class), "auth=token");
        HttpResponse<Buffer> patch = gateway.request(
                HttpMethod.PATCH,
                "/system/functions/open",
                new JsonObject().put("auth", "secret").toBuffer(),
                true);

        assertThat(deploy.statusCode()).isEqualTo(400);
        assertThat(Gateway.problem(deploy).getString("detail")).contains("auth");
        assertThat(patch.statusCode()).isEqualTo(400);
        assertThat(Gateway.problem(patch).getString("detail")).contains("auth");
        assertThat(gateway.adminGet("/system/functions/guarded")
                        .bodyAsJsonObject()
                        .getJsonObject("spec")
                        .getString("auth"))
                .isEqualTo("key");
    }

    /** Polls {@code /calls/{id}} until the call failed; its record as the headers' holder reads it. */
    private static JsonObject awaitFailed(String callId, MultiMap headers) {
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(
                        () -> get("/calls/" + callId, headers).bodyAsJsonObject(),
                        record -> "failed".equals(record.getString("status")));
    }

    /** An async call of {@code guarded}, made with a key and ended. */
    private static String endedGuardedCall() {
        MultiMap key = apiKey(createKey("guarded").getString("key"));
        String callId = invokeAsync("guarded", key).bodyAsJsonObject().getString("callId");
        assertThat(awaitResult(callId, key).statusCode()).isEqualTo(200);
        return callId;
    }

    /** A key of {@code guarded} that opened it, then was revoked. */
    private static String revokedKey() {
        JsonObject created = createKey("guarded");
        assertThat(gateway.invoke("guarded", "{}", apiKey(created.getString("key")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(revoke("guarded", created.getString("id")).statusCode()).isEqualTo(204);
        return created.getString("key");
    }

    private static List<HttpResponse<Buffer>> bothRoutes(String function, MultiMap headers) {
        return List.of(gateway.invoke(function, "{}", headers), invokeAsync(function, headers));
    }

    private static HttpResponse<Buffer> invokeAsync(String function, MultiMap headers) {
        return Await.result(
                gateway.client()
                        .post("/async-function/" + function)
                        .putHeaders(headers)
                        .sendBuffer(Buffer.buffer("{}")),
                60);
    }

    private static HttpResponse<Buffer> get(String uri, MultiMap headers) {
        return Await.result(gateway.client().get(uri).putHeaders(headers).send(), 60);
    }

    /** Polls {@code /calls/{id}/result} with the key until the call ended (it answers 202 while pending). */
    private static HttpResponse<Buffer> awaitResult(String callId, MultiMap headers) {
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> get("/calls/" + callId + "/result", headers), response -> response.statusCode() != 202);
    }

    private static JsonObject createKey(String function) {
        HttpResponse<Buffer> created =
                gateway.request(HttpMethod.POST, "/system/functions/" + function + "/keys", null, true);
        assertThat(created.statusCode()).isEqualTo(201);
        return created.bodyAsJsonObject();
    }

    private static HttpResponse<Buffer> revoke(String function, String id) {
        return gateway.request(HttpMethod.DELETE, "/system/functions/" + function + "/keys/" + id, null, true);
    }

    private static MultiMap bearer(String key) {
        return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + key);
    }

    private static MultiMap apiKey(String key) {
        return MultiMap.caseInsensitiveMultiMap().add("X-Api-Key", key);
    }
}
