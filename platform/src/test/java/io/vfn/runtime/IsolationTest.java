package io.vfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.LoopBlocker;
import io.vfn.testfunctions.NeverAnswers;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A function that blocks its event loop, or never answers, does not stop the others. */
class IsolationTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        gateway.deploy("greeter", TestJars.of(GreeterV1.class), "instances=2");
        gateway.deploy("blocker", TestJars.of(LoopBlocker.class), "instances=2&timeout=1s");
        gateway.deploy("never", TestJars.of(NeverAnswers.class), "timeout=2s");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void functionThatBlocksItsEventLoop_doesNotStopOtherFunctions() {
        Future<HttpResponse<Buffer>> blocked =
                gateway.client().post("/function/blocker?ms=8000").send();
        Future<HttpResponse<Buffer>> blockedToo =
                gateway.client().post("/function/blocker?ms=8000").send();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(gateway.invoke("greeter", "still here").bodyAsString());
        }

        assertThat(answers).hasSize(50).allMatch("v1:still here"::equals);
        assertThat(Await.result(blocked, 30).statusCode()).isEqualTo(504);
        assertThat(Await.result(blockedToo, 30).statusCode()).isEqualTo(504);
    }

    @Test
    void functionThatNeverAnswers_getsA504AndOthersKeepAnswering() {
        List<Future<HttpResponse<Buffer>>> hanging = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hanging.add(gateway.client().post("/function/never").send());
        }

        assertThat(gateway.invoke("greeter", "ok").bodyAsString()).isEqualTo("v1:ok");
        for (Future<HttpResponse<Buffer>> call : hanging) {
            assertThat(Await.result(call, 30).statusCode()).isEqualTo(504);
        }
    }
}
