package io.vfn.sdk.client;

import static io.vfn.sdk.client.testing.Futures.await;
import static io.vfn.sdk.client.testing.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.client.testing.LocalNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invoke keys, revisions, aliases, traffic and secrets through the client against a real node. */
class ManagementTest {

    private static LocalNode node;
    private static VfnClient admin;

    @BeforeAll
    static void start() {
        node = LocalNode.start();
        admin = VfnClient.create(node.options());
        await(admin.deploy(
                "guarded", LocalNode.exampleJar("echo"), FunctionSpec.create().auth("key")));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aClientWithTheFunctionsKey_invokesItSyncAndAsync_getsThePush_andReadsTheCall() {
        String key = await(admin.createKey("guarded")).key().orElseThrow();
        // Polls once an hour: a result that arrives within the test's bounds was pushed to a subscribe with the key.
        try (VfnClient caller = VfnClient.create(
                new VfnClientOptions().gateway(node.gateway()).key(key).pollInterval(Duration.ofHours(1)))) {
            InvokeResponse sync = await(caller.invoke("guarded", Buffer.buffer("hi")));
            AsyncCall call = await(caller.invokeAsync(Invocation.of("guarded")
                    .header("Content-Type", "text/plain")
                    .body("later")));
            InvokeResponse pushed = await(call.result());
            CallInfo record = await(caller.call(call.callId()));
            Optional<InvokeResponse> result = await(caller.callResult(call.callId()));

            assertThat(sync.bodyAsString()).isEqualTo("hi");
            assertThat(pushed.bodyAsString()).isEqualTo("later");
            assertThat(record.status()).isEqualTo("succeeded");
            assertThat(result).get().extracting(InvokeResponse::bodyAsString).isEqualTo("later");
        }
    }

    @Test
    void withoutAKey_orWithARevokedOne_everyOperationOfTheFunctionIs401() {
        KeyInfo created = await(admin.createKey("guarded"));
        String callId;
        try (VfnClient keyed = VfnClient.create(
                new VfnClientOptions().gateway(node.gateway()).key(created.key().orElseThrow()))) {
            callId =
                    await(keyed.invokeAsync(Invocation.of("guarded").body("x"))).callId();
            await(keyed.subscribe(callId));
        }
        await(admin.revokeKey("guarded", created.id()));

        for (VfnClientOptions options : List.of(
                new VfnClientOptions().gateway(node.gateway()),
                new VfnClientOptions().gateway(node.gateway()).key(created.key().orElseThrow()))) {
            try (VfnClient caller = VfnClient.create(options)) {
                for (VfnClientException e : List.of(
                        failure(caller.invoke("guarded", Buffer.buffer("x"))),
                        failure(caller.invokeAsync(Invocation.of("guarded").body("x"))),
                        failure(caller.call(callId)),
                        failure(caller.callResult(callId)),
                        failure(caller.subscribe(callId)))) {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(401);
                    assertThat(e.type()).isEqualTo("urn:vfn:problem:unauthorized");
                }
            }
        }
        assertThat(await(admin.keys("guarded"))).extracting(KeyInfo::id).doesNotContain(created.id());
    }

    @Test
    void aFailedCallsCause_isReadWithTheAdminToken_notWithTheCallIdAlone() {
        await(admin.deploy(
                "failing", LocalNode.exampleJar("fail"), FunctionSpec.create().maxRetries(0)));
        String callId = await(admin.invokeAsync(Invocation.of("failing"))).callId();
        failure(admin.subscribe(callId));

        CallInfo asAdmin = await(admin.call(callId));
        CallInfo anonymous;
        try (VfnClient idOnly = VfnClient.create(new VfnClientOptions().gateway(node.gateway()))) {
            anonymous = await(idOnly.call(callId));
        }

        assertThat(asAdmin.status()).isEqualTo("failed");
        assertThat(asAdmin.cause()).get().asString().contains("Exception");
        assertThat(anonymous.error()).get().asString().contains("function 'failing' failed");
        assertThat(anonymous.cause()).isEmpty();
    }

    @Test
    void revisions_rollback_alias_andTraffic() {
        for (String version : List.of("1", "2", "3")) {
            await(admin.deploy(
                    "versioned",
                    LocalNode.exampleJar("echo"),
                    FunctionSpec.create().env("V", version)));
        }

        List<RevisionInfo> revisions = await(admin.revisions("versioned"));
        FunctionInfo back = await(admin.rollback("versioned"));
        FunctionInfo first = await(admin.rollback("versioned", 1));
        Routing aliased = await(admin.alias("versioned", "canary", 3));
        Routing split = await(admin.traffic("versioned", Map.of(1, 90, 3, 10)));

        assertThat(revisions).extracting(RevisionInfo::revision).containsExactly(3, 2, 1);
        assertThat(revisions).extracting(RevisionInfo::current).containsExactly(true, false, false);
        assertThat(revisions.get(0).spec().getJsonObject("env").getString("V")).isEqualTo("3");
        assertThat(revisions.get(0).version()).isNotBlank();
        assertThat(back.json().getInteger("revision")).isEqualTo(2);
        assertThat(first.json().getInteger("revision")).isEqualTo(1);
        assertThat(aliased.aliases()).containsExactly(entry("canary", 3));
        assertThat(split.traffic()).containsExactly(entry(1, 90), entry(3, 10));
        assertThat(split.revision()).isEqualTo(1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> admin.invoke(Invocation.of("versioned@canary"))
                        .map(r -> "3".equals(r.headers().get("X-Revision")))
                        .otherwise(false)
                        .await());

        await(admin.removeAlias("versioned", "canary"));
        Routing reset = await(admin.traffic("versioned", Map.of()));
        VfnClientException notKept = failure(admin.rollback("versioned", 9));

        assertThat(reset.traffic()).isEmpty();
        assertThat(reset.aliases()).isEmpty();
        assertThat(notKept.status()).isEqualTo(404);
    }

    @Test
    void secrets_putRotateList_nameInASpec_deleteRefusedWhileNamed() {
        boolean created = await(admin.putSecret("api-token", "t0ken"));
        boolean again = await(admin.putSecret("api-token", "t0ken-2"));
        await(admin.deploy(
                "reader", LocalNode.exampleJar("echo"), FunctionSpec.create().secret("api-token")));
        List<SecretInfo> secrets = await(admin.secrets());
        VfnClientException inUse = failure(admin.deleteSecret("api-token"));
        VfnClientException missing = failure(admin.deploy(
                "lost", LocalNode.exampleJar("echo"), FunctionSpec.create().secret("no-such-secret")));

        assertThat(created).isTrue();
        assertThat(again).isFalse();
        assertThat(secrets).extracting(SecretInfo::name).contains("api-token");
        assertThat(secrets.stream().filter(s -> s.name().equals("api-token")).findFirst())
                .get()
                .extracting(SecretInfo::usedBy)
                .isEqualTo(List.of("reader"));
        assertThat(secrets.toString()).doesNotContain("t0ken");
        assertThat(await(admin.describe("reader"))
                        .spec()
                        .getJsonArray("secrets")
                        .getList())
                .containsExactly("api-token");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.detail()).contains("no-such-secret");

        await(admin.delete("reader"));
        await(admin.deleteSecret("api-token"));
        assertThat(await(admin.secrets())).extracting(SecretInfo::name).doesNotContain("api-token");
    }
}
