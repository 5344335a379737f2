package io.vfn.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.testing.LocalNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vfn --key}, {@code key}, {@code revisions}, {@code rollback}, {@code alias}, {@code traffic}, {@code secret}
 * and {@code deploy --secret/--auth} against a real node.
 */
class CliManageTest {

    private static LocalNode node;
    private static Cli cli;
    private static String echoJar;

    @BeforeAll
    static void start() throws Exception {
        node = LocalNode.start();
        cli = new Cli(node.gateway(), LocalNode.TOKEN);
        Path jar = LocalNode.tempDir("vfn-cli-manage").resolve("echo.jar");
        Files.write(jar, LocalNode.exampleJar("echo").getBytes());
        echoJar = jar.toString();
        assertThat(cli.vfn("deploy", "guarded", echoJar, "--auth", "key").code())
                .isZero();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aCommandGroupAlone_namesItsSubcommands() {
        Cli.Run run = cli.vfn("secret");

        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("name a subcommand: create, list, delete");
    }

    @Test
    void invokeWithoutAKey_exits1ShowingThe401AndHowToGiveOne() {
        Cli.Run run = cli.vfn("invoke", "guarded", "--data", "hi");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run.out()).isEmpty();
        assertThat(run.stderr())
                .contains("vfn: Unauthorized: function 'guarded' needs a key")
                .contains("--key");
    }

    @Test
    void keyCreate_printsAKeyThatOpensTheFunction_withKeyOrVfnKey_syncAndAsync() {
        Cli.Run created = cli.vfn("key", "create", "guarded");
        String key = created.out().trim();

        Cli.Run withFlag = cli.vfn("--key", key, "invoke", "guarded", "--data", "hi");
        Cli.Run withEnv = cli.withEnv("VFN_KEY", key).vfn("invoke", "guarded", "--data", "ho");
        Cli.Run async = cli.vfn("invoke", "guarded", "--data", "later", "--async", "--wait", "--key", key);
        Cli.Run listed = cli.vfn("key", "list", "guarded");

        assertThat(created.code()).isZero();
        assertThat(key).startsWith("vfk_");
        assertThat(created.stderr()).contains("not shown again");
        assertThat(withFlag.out()).isEqualTo("hi");
        assertThat(withEnv.out()).isEqualTo("ho");
        assertThat(async.code()).as(async.stderr()).isZero();
        assertThat(async.out()).isEqualTo("later");
        assertThat(listed.out()).startsWith("ID").doesNotContain(key);
    }

    @Test
    void keyRevoke_closesTheFunctionToThatKey() {
        String key = cli.vfn("key", "create", "guarded").out().trim();
        String id = new JsonArray(
                        cli.vfn("key", "list", "guarded", "-o", "json").out())
                .stream()
                        .map(JsonObject.class::cast)
                        .filter(k -> key.startsWith(k.getString("prefix")))
                        .findFirst()
                        .orElseThrow()
                        .getString("id");

        Cli.Run revoked = cli.vfn("key", "revoke", "guarded", id);
        Cli.Run refused = cli.vfn("--key", key, "invoke", "guarded", "--data", "hi");

        assertThat(revoked.out()).isEqualTo("revoked key " + id + " of guarded\n");
        assertThat(refused.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(refused.stderr()).contains("Unauthorized");
    }

    @Test
    void revisions_rollback_alias_andTraffic_roundTrip() {
        for (String version : new String[] {"1", "2", "3"}) {
            assertThat(cli.vfn("deploy", "versioned", echoJar, "--env", "V=" + version)
                            .code())
                    .isZero();
        }

        Cli.Run revisions = cli.vfn("revisions", "versioned");
        Cli.Run back = cli.vfn("rollback", "versioned");
        Cli.Run toFirst = cli.vfn("rollback", "versioned", "1");
        Cli.Run aliased = cli.vfn("alias", "set", "versioned", "canary", "3");
        Cli.Run split = cli.vfn("traffic", "versioned", "1=90", "3=10");
        Cli.Run routes = cli.vfn("revisions", "versioned");
        Cli.Run described = cli.vfn("describe", "versioned");

        assertThat(revisions.out().lines().map(line -> line.split("\\s+")[0]))
                .containsExactly("REVISION", "3", "2", "1");
        assertThat(revisions.out().lines().skip(1).findFirst()).get().asString().endsWith("in force");
        assertThat(back.out()).startsWith("rolled back versioned to revision 2 ");
        assertThat(toFirst.out()).startsWith("rolled back versioned to revision 1 ");
        assertThat(aliased.out()).isEqualTo("versioned@canary runs revision 3\n");
        assertThat(split.out()).contains("in force: revision 1").contains("revision 1 90%, revision 3 10%");
        assertThat(routes.out()).contains("in force, 90%").contains("10%, @canary");
        assertThat(described.out())
                .contains("revision: 1 (in force)")
                .contains("traffic:  revision 1 90%, revision 3 10%")
                .contains("aliases:  @canary -> 3");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cli.vfn("invoke", "versioned@canary", "--data", "x", "--verbose")
                        .stderr()
                        .contains(", revision 3,"));

        Cli.Run reset = cli.vfn("traffic", "versioned", "--reset");
        Cli.Run removed = cli.vfn("alias", "delete", "versioned", "canary");
        Cli.Run badShare = cli.vfn("traffic", "versioned", "three=100");

        assertThat(reset.out()).contains("none: the revision in force takes every call");
        assertThat(removed.out()).isEqualTo("removed versioned@canary\n");
        assertThat(badShare.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badShare.stderr()).contains("REV=PERCENT");
    }

    @Test
    void secrets_createRotateList_deployNamingThem_andDeleteRefusedWhileNamed() {
        byte[] value = "s3cr3t".getBytes(StandardCharsets.UTF_8);

        Cli.Run created = cli.withInput(value, "secret", "create", "db-password");
        Cli.Run rotated = cli.withInput(value, "secret", "create", "db-password");
        Cli.Run deployed = cli.vfn("deploy", "reader", echoJar, "--secret", "db-password");
        Cli.Run listed = cli.vfn("secret", "list");
        Cli.Run inUse = cli.vfn("secret", "delete", "db-password");
        Cli.Run missing = cli.vfn("deploy", "lost", echoJar, "--secret", "no-such-secret");

        assertThat(created.out()).isEqualTo("created secret db-password\n");
        assertThat(rotated.out()).isEqualTo("rotated secret db-password\n");
        assertThat(deployed.code()).as(deployed.stderr()).isZero();
        assertThat(listed.out())
                .startsWith("NAME")
                .contains("db-password")
                .contains("reader")
                .doesNotContain("s3cr3t");
        assertThat(inUse.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(inUse.stderr()).contains("Conflict");
        assertThat(missing.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(missing.stderr()).contains("no-such-secret");

        assertThat(cli.vfn("delete", "reader").code()).isZero();
        assertThat(cli.vfn("secret", "delete", "db-password").out()).isEqualTo("deleted secret db-password\n");
    }
}
