package io.vfn.sdk.client;

import static io.vfn.sdk.client.testing.Futures.await;
import static io.vfn.sdk.client.testing.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.client.testing.LocalNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every platform error the client can provoke arrives as a {@link VfnClientException} with the problem's fields. */
class PlatformErrorsTest {

    private static LocalNode node;
    private static VfnClient client;
    private static VfnClient withoutToken;

    @BeforeAll
    static void start() {
        node = LocalNode.start("--max-body", "64k");
        client = VfnClient.create(node.options());
        withoutToken = VfnClient.create(new VfnClientOptions().gateway(node.gateway()));
        await(client.deploy(
                "slowpoke", LocalNode.exampleJar("sleep"), FunctionSpec.create().timeout(Duration.ofMillis(300))));
        await(client.deploy(
                "narrow", LocalNode.exampleJar("sleep"), FunctionSpec.create().concurrency(1)));
    }

    @AfterAll
    static void stop() {
        for (VfnClient c : new VfnClient[] {client, withoutToken}) {
            if (c != null) {
                c.close();
            }
        }
        if (node != null) {
            node.close();
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                error(
                        "invalid function name",
                        c -> c.invoke("Not_A_Name", Buffer.buffer()),
                        400,
                        "invalid-name",
                        "Invalid function name"),
                error(
                        "invalid spec",
                        c -> c.update("echo", FunctionSpec.create().instances(0)),
                        400,
                        "invalid-spec",
                        "Invalid function spec"),
                error("no admin token", c -> withoutToken.list(), 401, "unauthorized", "Unauthorized"),
                error(
                        "unknown function",
                        c -> c.invoke("nobody", Buffer.buffer()),
                        404,
                        "function-not-found",
                        "Function not found"),
                error(
                        "unknown function, admin",
                        c -> c.describe("nobody"),
                        404,
                        "function-not-found",
                        "Function not found"),
                error("unknown call", c -> c.call("no-such-call"), 404, "call-not-found", "Call not found"),
                error(
                        "body over the limit",
                        c -> c.invoke("echo", Buffer.buffer(new byte[100 * 1024])),
                        413,
                        "body-too-large",
                        "Body too large"),
                error(
                        "not a jar",
                        c -> c.deploy("junk", Buffer.buffer("not a jar"), FunctionSpec.create()),
                        422,
                        "jar-unusable",
                        "Jar unusable"),
                error(
                        "function threw",
                        c -> c.invoke("fail", Buffer.buffer()),
                        502,
                        "function-failed",
                        "Function failed"),
                error(
                        "function too slow",
                        c -> c.invoke(Invocation.of("slowpoke").query("ms=5000")),
                        504,
                        "timeout",
                        "Function timed out"));
    }

    private static Arguments error(
            String name, Function<VfnClient, Future<?>> action, int status, String type, String title) {
        return Arguments.of(name, action, status, "urn:vfn:problem:" + type, title);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("errors")
    void platformError_isATypedExceptionWithTheProblemsFields(
            String name, Function<VfnClient, Future<?>> action, int status, String type, String title) {
        VfnClientException e = failure(action.apply(client));

        assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.title()).isEqualTo(title);
        assertThat(e.detail()).isNotBlank();
        assertThat(e.unreachable()).isFalse();
    }

    @Test
    void syncInvokeFailure_carriesTheCallId() {
        VfnClientException e = failure(client.invoke(Invocation.of("fail").header("X-Call-Id", "traced-1")));

        assertThat(e.callId()).contains("traced-1");
    }

    @Test
    void cancelOfAnEndedCall_isAConflict() {
        AsyncCall call = await(client.invokeAsync(Invocation.of("echo").body("x")));
        await(call.result());

        VfnClientException e = failure(client.cancel(call.callId()));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.type()).isEqualTo("urn:vfn:problem:conflict");
    }

    @Test
    void inflightLimitReached_isTooManyCalls() {
        List<Future<InvokeResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(client.invoke(Invocation.of("narrow").query("ms=1000")));
        }
        await(Future.join(calls).<Void>mapEmpty().otherwiseEmpty());

        List<Throwable> rejected =
                calls.stream().filter(Future::failed).map(Future::cause).toList();

        assertThat(rejected).isNotEmpty();
        assertThat(rejected)
                .allSatisfy(e -> assertThat(((VfnClientException) e).status()).isEqualTo(429));
    }

    @Test
    void unreachableGateway_isMarkedUnreachable() {
        try (VfnClient nowhere =
                VfnClient.create(new VfnClientOptions().gateway("http://127.0.0.1:" + LocalNode.freePort()))) {
            VfnClientException e = failure(nowhere.info());

            assertThat(e.unreachable()).isTrue();
            assertThat(e.status()).isZero();
            assertThat(e.type()).isEqualTo(VfnClientException.UNREACHABLE);
        }
    }
}
