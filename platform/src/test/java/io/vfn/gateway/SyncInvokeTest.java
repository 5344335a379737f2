package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyncInvokeTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        assertThat(gateway.deploy("greeter", TestJars.of(GreeterV1.class), "").statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

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
}
