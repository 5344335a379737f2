package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.NeverAnswers;
import io.vfn.testfunctions.NotAFunction;
import io.vfn.testfunctions.Thrower;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every status of the contract's error table that a sync call or a deploy can meet, each provoked for real. */
class ErrorStatusTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start("--max-body", "1k");
        gateway = new Gateway(node);
        assertThat(gateway.deploy("greeter", TestJars.of(GreeterV1.class), "").statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy("thrower", TestJars.of(Thrower.class), "").statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy("never", TestJars.of(NeverAnswers.class), "timeout=300ms")
                        .statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy("gate", TestJars.of(Gate.class), "concurrency=1")
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                row("bad name", g -> g.invoke("Not_A_Name", "x"), 400, "Invalid function name"),
                row(
                        "invalid spec",
                        g -> g.deploy("greeter2", TestJars.of(GreeterV1.class), "instances=0"),
                        400,
                        "Invalid function spec"),
                row("no token", g -> g.request(HttpMethod.GET, "/system/functions", null, false), 401, "Unauthorized"),
                row(
                        "wrong token",
                        g -> new Gateway(node.port(), "wrong").adminGet("/system/functions"),
                        401,
                        "Unauthorized"),
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
                .until(() -> node.context().runtime().status("gate").getInteger("inflight", 0) == 1);

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

    private static Arguments row(String what, Function<Gateway, HttpResponse<Buffer>> call, int status, String title) {
        return Arguments.of(what, call, status, title);
    }
}
