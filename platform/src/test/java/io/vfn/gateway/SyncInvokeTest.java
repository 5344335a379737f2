package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.RequestEcho;
import io.vfn.testing.Gateway;
import io.vfn.testing.NodeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SyncInvokeTest {

    @RegisterExtension
    static final NodeExtension node =
            NodeExtension.start().deploy("greeter", GreeterV1.class).deploy("request-echo", RequestEcho.class);

    private final Gateway gateway = node.gateway();

    @Test
    void invoke_answersWithTheFunctionsResponseCallIdAndDuration() {
        HttpResponse<Buffer> response = gateway.invoke("greeter", "ada");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("v1:ada");
        assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
        assertThat(response.getHeader("X-Call-Id")).isNotBlank();
        assertThat(Double.parseDouble(response.getHeader("X-Duration-Seconds"))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void invoke_keepsTheCallersCallId() {
        HttpResponse<Buffer> response = gateway.invoke(
                "greeter", "x", MultiMap.caseInsensitiveMultiMap().add("X-Call-Id", "my-call-1"));

        assertThat(response.getHeader("X-Call-Id")).isEqualTo("my-call-1");
    }

    @Test
    void subPathQueryAndMethod_areWhatTheFunctionSees() {
        HttpResponse<Buffer> response =
                gateway.request(HttpMethod.PUT, "/function/request-echo/a/b?x=1&y=%20z", Buffer.buffer("sub"), false);

        JsonObject seen = response.bodyAsJsonObject();
        assertThat(seen.getString("method")).isEqualTo("PUT");
        assertThat(seen.getString("path")).isEqualTo("/a/b");
        assertThat(seen.getJsonObject("query").getString("x")).isEqualTo("1");
        assertThat(seen.getJsonObject("query").getString("y")).isEqualTo(" z");
    }
}
