package io.vfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.ThreadOf;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spec with {@code eventLoop}: the function's instances run on the node's event loops, and a call runs on the loop
 * that took it, with no thread hand-off; without it, on contexts of their own. A function that blocks may not ask.
 */
class EventLoopFunctionsTest {

    /** An instance on every event loop of the node (Vert.x's default number of loops). */
    private static final int LOOPS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

    private static VfnNode node;
    private static Gateway gateway;
    private static Vertx clientVertx;
    private static WebClient oneConnection;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        assertThat(gateway.deploy("on-loops", TestJars.of(ThreadOf.class), "eventLoop=true&instances=" + LOOPS)
                        .statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy("own-context", TestJars.of(ThreadOf.class), "instances=" + LOOPS)
                        .statusCode())
                .isEqualTo(201);
        clientVertx = Vertx.vertx();
        // One keep-alive connection: the node reads all of its requests on one event loop.
        oneConnection = WebClient.create(
                clientVertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()),
                new PoolOptions().setHttp1MaxSize(1));
    }

    @AfterAll
    static void stop() {
        Await.result(clientVertx.close(), 10);
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void callsOverOneConnection_runOnTheEventLoopThatReadsThem() {
        Set<String> threads = threadsOf("on-loops", 2 * LOOPS);

        assertThat(threads).hasSize(1);
        assertThat(threads.iterator().next()).startsWith("vert.x-eventloop-thread-");
    }

    @Test
    void withoutTheOption_callsRunOnTheInstancesOwnContexts_inTurn() {
        Set<String> threads = threadsOf("own-context", 2 * LOOPS);

        assertThat(threads).allSatisfy(thread -> assertThat(thread).startsWith("vfn-fn-own-context@"));
        assertThat(threads).hasSizeGreaterThan(1);
    }

    @Test
    void aBlockingFunction_mayNotRunOnTheEventLoops_andNeitherMayASpecThatSaysBlocking() {
        HttpResponse<Buffer> blocking = gateway.deploy("blocks-on-loops", TestJars.of(Gate.class), "eventLoop=true");
        assertThat(blocking.statusCode()).isEqualTo(400);
        assertThat(Gateway.problem(blocking).getString("detail")).contains("eventLoop");

        HttpResponse<Buffer> both = gateway.deploy("both", TestJars.of(ThreadOf.class), "eventLoop=true&blocking=true");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(Gateway.problem(both).getString("detail")).contains("exclude each other");
        assertThat(gateway.adminGet("/system/functions/blocks-on-loops").statusCode())
                .isEqualTo(404);
    }

    private static Set<String> threadsOf(String function, int calls) {
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            HttpResponse<Buffer> answer =
                    Await.result(oneConnection.post("/function/" + function).sendBuffer(Buffer.buffer("x")), 10);
            assertThat(answer.statusCode()).isEqualTo(200);
            threads.add(answer.bodyAsString());
        }
        return threads;
    }
}
