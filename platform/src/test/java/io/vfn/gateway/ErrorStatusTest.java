package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.GreeterV2;
import io.vfn.testfunctions.NeverAnswers;
import io.vfn.testfunctions.NotAFunction;
import io.vfn.testfunctions.Thrower;
import io.vfn.testing.Gateway;
import io.vfn.testing.NodeExtension;
import io.vfn.testing.TestJars;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every status of the contract's error table that a sync call or a deploy can meet, each provoked for real. */
class ErrorStatusTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start("--max-body", "1k", "--max-jar", "64k")
            .deploy("greeter", GreeterV1.class)
            .deploy("thrower", Thrower.class)
            .deploy("never", NeverAnswers.class, "timeout=300ms")
            .deploy("gate", Gate.class, "concurrency=1");

    private final Gateway gateway = node.gateway();

    static Stream<Arguments> failures() {
        return Stream.of(
                row("bad name", g -> g.invoke("Not_A_Name", "x"), 400, "Invalid function name"),
                row(
                        "invalid spec",
                        g -> g.deploy("greeter2", TestJars.of(GreeterV1.class), "instances=0"),
                        400,
                        "Invalid function spec"),
                row("no token", g -> g.request(HttpMethod.GET, "/system/functions", null, false), 401, "Unauthorized"),
                row("wrong token", ErrorStatusTest::withWrongToken, 401, "Unauthorized"),
                row("unknown function", g -> g.invoke("nope", "x"), 404, "Function not found"),
                row(
                        "unknown call route",
                        g -> g.request(HttpMethod.GET, "/no/such/route", null, false),
                        404,
                        "Not found"),
                row("body too large", g -> g.invoke("greeter", "x".repeat(2048)), 413, "Body too large"),
                row(
                        "deploy as text",
                        g -> g.request(HttpMethod.PUT, "/system/functions/x", Buffer.buffer("hi"), true),
                        415,
                        "Unsupported media type"),
                row("jar too large", g -> g.deploy("big", new byte[128 * 1024], ""), 413, "Body too large"),
                row(
                        "multipart deploy without its closing boundary",
                        g -> send(
                                g,
                                HttpMethod.PUT,
                                "/system/functions/cut",
                                "multipart/form-data; boundary=b",
                                unterminatedMultipart()),
                        400,
                        "Bad request"),
                row("not a jar", g -> g.deploy("broken", "this is no zip".getBytes(), ""), 422, "Jar unusable"),
                row(
                        "no function in the jar",
                        g -> g.deploy("empty", TestJars.withoutServices(GreeterV1.class), ""),
                        422,
                        "Jar unusable"),
                row(
                        "class is no function",
                        g -> g.deploy("plain", TestJars.of(NotAFunction.class), ""),
                        422,
                        "Jar unusable"),
                row(
                        "two functions, no handler",
                        g -> g.deploy("two", TestJars.of(GreeterV1.class, Thrower.class), ""),
                        422,
                        "Jar unusable"),
                row("function throws", g -> g.invoke("thrower", "x"), 502, "Function failed"),
                row("function too slow", g -> g.invoke("never", "x"), 504, "Function timed out"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("failures")
    void platformError_isProblemJsonWithItsStatus(
            String what, Function<Gateway, HttpResponse<Buffer>> call, int status, String title) {
        HttpResponse<Buffer> response = call.apply(gateway);

        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getString("title")).isEqualTo(title);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("urn:vfn:problem:");
        assertThat(problem.getString("detail")).isNotBlank().doesNotContain("\tat ");
    }

    @Test
    void overTheInflightLimit_answers429WithRetryAfter() {
        var first = gateway.client().post("/function/gate?ms=3000").send();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> node.node().context().runtime().status("gate").getInteger("inflight", 0) == 1);

        HttpResponse<Buffer> second = gateway.invoke("gate", "x");

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.getHeader("Retry-After")).isEqualTo("1");
        assertThat(second.bodyAsJsonObject().getString("title")).isEqualTo("Too many calls");
        assertThat(io.vfn.testing.Await.result(first, 30).bodyAsString()).isEqualTo("passed");
    }

    @Test
    void aFunctionsOwnErrorStatus_passesThroughAsItIs() {
        assertThat(gateway.deploy("status", TestJars.of(io.vfn.testfunctions.StatusEcho.class), "")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<Buffer> response = gateway.invoke("status", "418");

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.getHeader("Content-Type")).isEqualTo("text/plain");
        assertThat(response.bodyAsString()).isEqualTo("status 418");
    }

    @Test
    void failedCalls_areCountedByOutcome_andLeaveNoCallInFlight() {
        assertThat(gateway.invoke("thrower", "x").statusCode()).isEqualTo(502);
        assertThat(gateway.invoke("never", "x").statusCode()).isEqualTo(504);

        String metrics =
                gateway.request(HttpMethod.GET, "/metrics", null, false).bodyAsString();

        assertThat(sample(metrics, "vfn_invocations_total{function=\"thrower\",mode=\"sync\",outcome=\"failed\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(metrics, "vfn_invocations_total{function=\"never\",mode=\"sync\",outcome=\"timeout\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(metrics, "vfn_inflight{function=\"thrower\"}")).isZero();
        assertThat(sample(metrics, "vfn_inflight{function=\"never\"}")).isZero();
    }

    /** A form body merged its attributes into the query's parameters, which threw on this query: no answer came. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=b"})
    void asyncCall_withAFormBodyAndAQueryThatIsNotPercentEncoding_isAccepted(String contentType) {
        HttpResponse<Buffer> response =
                send(gateway, HttpMethod.POST, "/async-function/greeter?x=%zz", contentType, Buffer.buffer("a=1"));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    /** Sends a body of a content type, with the admin token, and fails the test when no answer comes in 10 s. */
    private static HttpResponse<Buffer> send(
            Gateway gateway, HttpMethod method, String uri, String contentType, Buffer body) {
        return io.vfn.testing.Await.result(
                gateway.client()
                        .request(method, uri)
                        .bearerTokenAuthentication(
                                node.node().context().secrets().adminToken())
                        .putHeader("Content-Type", contentType)
                        .timeout(10_000)
                        .sendBuffer(body),
                30);
    }

    /** @return a multipart body whose one part, a valid jar, is never closed by the final boundary */
    private static Buffer unterminatedMultipart() {
        return Buffer.buffer("--b\r\nContent-Disposition: form-data; name=\"jar\"; filename=\"f.jar\"\r\n"
                        + "Content-Type: application/java-archive\r\n\r\n")
                .appendBytes(TestJars.of(GreeterV1.class))
                .appendString("\r\n");
    }

    /** @return the value of one series in a Prometheus scrape */
    private static double sample(String scrape, String series) {
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + series + " in the scrape"));
    }

    /** Deploy is code execution: every route that changes the node, or shows its insides, needs the admin token. */
    @ParameterizedTest(name = "{0} {1} → 401")
    @CsvSource({
        "PUT, /system/functions/greeter",
        "PATCH, /system/functions/greeter",
        "DELETE, /system/functions/greeter",
        "POST, /system/functions/greeter/rollback",
        "PUT, /system/functions/greeter/aliases/live",
        "DELETE, /system/functions/greeter/aliases/live",
        "PUT, /system/functions/greeter/traffic",
        "POST, /system/functions/greeter/keys",
        "DELETE, /system/functions/greeter/keys/some-key",
        "PUT, /system/secrets/some-secret",
        "DELETE, /system/secrets/some-secret",
        "GET, /system/nodes",
        "GET, /system/info",
        "POST, /calls/some-call/retry"
    })
    void adminRoute_withoutTheAdminToken_is401AndChangesNothing(String method, String path) {
        JsonObject before = described("greeter");

        HttpResponse<Buffer> response =
                gateway.request(HttpMethod.valueOf(method), path, Buffer.buffer(TestJars.of(GreeterV2.class)), false);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.bodyAsJsonObject().getString("title")).isEqualTo("Unauthorized");
        assertThat(described("greeter")).isEqualTo(before);
        assertThat(gateway.invoke("greeter", "ada").bodyAsString()).isEqualTo("v1:ada");
    }

    /** @return the function's version, spec, revisions in force and routes, without the per-node figures */
    private JsonObject described(String function) {
        JsonObject described = gateway.adminGet("/system/functions/" + function).bodyAsJsonObject();
        described.remove("nodes");
        return described;
    }

    private static HttpResponse<Buffer> withWrongToken(Gateway unused) {
        try (Gateway wrong = new Gateway(node.node().port(), "wrong")) {
            return wrong.adminGet("/system/functions");
        }
    }

    private static Arguments row(String what, Function<Gateway, HttpResponse<Buffer>> call, int status, String title) {
        return Arguments.of(what, call, status, title);
    }
}
