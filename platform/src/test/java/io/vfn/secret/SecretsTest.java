package io.vfn.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.SecretDigest;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Secrets through the admin API and a function that reads them: names only out, values only in. */
class SecretsTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @AfterEach
    void clean() {
        gateway.undeploy("reader");
        gateway.request(HttpMethod.DELETE, "/system/secrets/db-password", null, true);
    }

    @Test
    void aNamedSecret_isReadByTheFunction_andARotationReachesItWithoutRedeploy() {
        assertThat(putSecret("db-password", "first-value").statusCode()).isEqualTo(201);
        assertThat(gateway.deploy("reader", TestJars.of(SecretDigest.class), "secrets=db-password")
                        .statusCode())
                .isEqualTo(201);
        assertThat(gateway.invoke("reader", "db-password").bodyAsString())
                .isEqualTo(SecretDigest.sha256("first-value"));

        assertThat(putSecret("db-password", "second-value").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(gateway.invoke("reader", "db-password").bodyAsString())
                                .isEqualTo(SecretDigest.sha256("second-value")));
    }

    @Test
    void aSecretTheSpecDoesNotName_isAbsentForTheFunction() {
        putSecret("db-password", "value");
        putSecret("other", "other-value");
        gateway.deploy("reader", TestJars.of(SecretDigest.class), "secrets=db-password");

        assertThat(gateway.invoke("reader", "other").bodyAsString()).isEqualTo("absent");
        gateway.request(HttpMethod.DELETE, "/system/secrets/other", null, true);
    }

    @Test
    void aSpecNamingAMissingSecret_isRefusedWith422NamingIt() {
        HttpResponse<Buffer> deploy =
                gateway.deploy("reader", TestJars.of(SecretDigest.class), "secrets=no-such-secret");
        gateway.deploy("reader", TestJars.of(SecretDigest.class), "");
        HttpResponse<Buffer> patch = gateway.request(
                HttpMethod.PATCH,
                "/system/functions/reader",
                new JsonObject()
                        .put("secrets", new JsonArray().add("also-missing"))
                        .toBuffer(),
                true);

        assertThat(deploy.statusCode()).isEqualTo(422);
        assertThat(deploy.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(Gateway.problem(deploy).getString("detail")).contains("no-such-secret");
        assertThat(patch.statusCode()).isEqualTo(422);
        assertThat(Gateway.problem(patch).getString("detail")).contains("also-missing");
    }

    @Test
    void listingAndDescribing_showNamesAndUsersButNeverTheValue() {
        putSecret("db-password", "hunter2-listing");
        gateway.deploy("reader", TestJars.of(SecretDigest.class), "secrets=db-password");

        HttpResponse<Buffer> list = gateway.adminGet("/system/secrets");
        HttpResponse<Buffer> one = gateway.adminGet("/system/secrets/db-password");
        HttpResponse<Buffer> function = gateway.adminGet("/system/functions/reader");

        assertThat(list.bodyAsJsonArray().getJsonObject(0).getString("name")).isEqualTo("db-password");
        assertThat(one.bodyAsJsonObject().getJsonArray("usedBy")).containsExactly("reader");
        assertThat(function.bodyAsJsonObject().getJsonObject("spec").getJsonArray("secrets"))
                .containsExactly("db-password");
        assertThat(list.bodyAsString() + one.bodyAsString() + function.bodyAsString())
                .doesNotContain("hunter2-listing");
    }

    @Test
    void deletingASecretAFunctionNames_isRefusedWith409_andUnknownOnesAre404() {
        putSecret("db-password", "value");
        gateway.deploy("reader", TestJars.of(SecretDigest.class), "secrets=db-password");

        HttpResponse<Buffer> inUse = gateway.request(HttpMethod.DELETE, "/system/secrets/db-password", null, true);
        gateway.undeploy("reader");
        HttpResponse<Buffer> deleted = gateway.request(HttpMethod.DELETE, "/system/secrets/db-password", null, true);
        HttpResponse<Buffer> again = gateway.request(HttpMethod.DELETE, "/system/secrets/db-password", null, true);

        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(Gateway.problem(inUse).getString("detail")).contains("reader");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(gateway.adminGet("/system/secrets/db-password").statusCode()).isEqualTo(404);
    }

    @Test
    void secretRoutes_needTheAdminToken() {
        HttpResponse<Buffer> put =
                gateway.request(HttpMethod.PUT, "/system/secrets/db-password", Buffer.buffer("x"), false);

        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(gateway.request(HttpMethod.GET, "/system/secrets", null, false)
                        .statusCode())
                .isEqualTo(401);
    }

    private HttpResponse<Buffer> putSecret(String name, String value) {
        return gateway.request(HttpMethod.PUT, "/system/secrets/" + name, Buffer.buffer(value), true);
    }
}
