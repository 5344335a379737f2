package io.vfn.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.testing.Gateway;
import io.vfn.testing.NodeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bundled example functions, deployed at first start and invoked through the gateway. */
class ExamplesTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start("--examples");

    private final Gateway gateway = node.gateway();

    @Test
    void firstStart_deploysEveryExample() {
        assertThat(gateway.adminGet("/system/functions").bodyAsJsonArray().stream()
                        .map(f -> ((JsonObject) f).getString("name")))
                .containsExactly("counter", "echo", "fail", "hello", "sha256", "sleep");
    }

    @Test
    void echo_answersTheBodyAndContentType() {
        HttpResponse<Buffer> response =
                gateway.invoke("echo", "hi", MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain"));

        assertThat(response.bodyAsString()).isEqualTo("hi");
        assertThat(response.getHeader("Content-Type")).isEqualTo("text/plain");
    }

    @Test
    void hello_greetsInJson() {
        HttpResponse<Buffer> response = gateway.invoke("hello", "{\"name\":\"Ada\"}");

        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("greeting", "Hello, Ada!"));
    }

    @Test
    void sha256_hashesTheBodyNTimes() {
        HttpResponse<Buffer> response =
                gateway.request(HttpMethod.POST, "/function/sha256?rounds=2", Buffer.buffer("abc"), false);

        assertThat(response.bodyAsString())
                .isEqualTo("4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358");
    }

    @Test
    void sleep_sleepsTheGivenMilliseconds() {
        HttpResponse<Buffer> response = gateway.request(HttpMethod.GET, "/function/sleep?ms=120", null, false);

        assertThat(response.bodyAsString()).isEqualTo("slept 120 ms");
        assertThat(Double.parseDouble(response.getHeader("X-Duration-Seconds"))).isGreaterThanOrEqualTo(0.12);
    }

    @Test
    void fail_throwsOrAnswersTheAskedStatus() {
        assertThat(gateway.invoke("fail", "").statusCode()).isEqualTo(502);
        assertThat(gateway.request(HttpMethod.POST, "/function/fail?status=418", Buffer.buffer(), false)
                        .statusCode())
                .isEqualTo(418);
    }

    @Test
    void counter_aPlainVerticle_countsPerInstance() {
        long first = gateway.invoke("counter", "").bodyAsJsonObject().getLong("count");
        long second = gateway.invoke("counter", "").bodyAsJsonObject().getLong("count");

        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void echo_answersAnyMethodOnASubPath() {
        HttpResponse<Buffer> response =
                gateway.request(HttpMethod.PUT, "/function/echo/a/b?x=1", Buffer.buffer("sub"), false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("sub");
    }

    @Test
    void metrics_countInvocationsByFunctionModeAndOutcome() {
        gateway.invoke("echo", "m");
        String metrics =
                gateway.request(HttpMethod.GET, "/metrics", null, false).bodyAsString();

        assertThat(metrics)
                .contains("vfn_invocations_total{function=\"echo\",mode=\"sync\",outcome=\"success\"}")
                .contains("vfn_invocation_duration_seconds_bucket{function=\"echo\",mode=\"sync\"")
                .contains("vfn_inflight{function=\"echo\"}")
                .contains("vfn_functions_deployed 6.0")
                .contains("vfn_cluster_members 1.0")
                .contains("jvm_memory_used_bytes")
                .contains("vertx_pool_in_use");
    }

    @Test
    void health_isUpAndReady() {
        assertThat(gateway.request(HttpMethod.GET, "/health/live", null, false)
                        .bodyAsJsonObject()
                        .getString("status"))
                .isEqualTo("UP");
        assertThat(gateway.request(HttpMethod.GET, "/health/ready", null, false).statusCode())
                .isEqualTo(200);
    }

    @Test
    void systemInfoAndNodes_describeTheCluster() {
        JsonObject info = gateway.adminGet("/system/info").bodyAsJsonObject();

        assertThat(info.getInteger("clusterSize")).isEqualTo(1);
        assertThat(info.getString("nodeId"))
                .isEqualTo(node.node().context().cluster().nodeId());
        assertThat(gateway.adminGet("/system/nodes")
                        .bodyAsJsonArray()
                        .getJsonObject(0)
                        .getJsonObject("functions")
                        .fieldNames())
                .contains("echo", "hello");
    }
}
