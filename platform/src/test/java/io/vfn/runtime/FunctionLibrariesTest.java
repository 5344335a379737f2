package io.vfn.runtime;

import static io.vfn.testing.TestJars.testLibrary;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GsonVersion;
import io.vfn.testfunctions.PicocliVersion;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Functions that carry their libraries in {@code lib/*.jar}: each loads its own version, child-first, also of a
 * library the platform uses itself, and two versions of one library serve side by side on one node.
 */
class FunctionLibrariesTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        assertThat(gateway.deploy(
                                "gson-old",
                                TestJars.withLibraries(List.of(testLibrary("gson-2.10.1.jar")), GsonVersion.class),
                                "")
                        .statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy(
                                "gson-new",
                                TestJars.withLibraries(List.of(testLibrary("gson-2.13.2.jar")), GsonVersion.class),
                                "")
                        .statusCode())
                .isEqualTo(201);
        assertThat(gateway.deploy(
                                "picocli-old",
                                TestJars.withLibraries(List.of(testLibrary("picocli-4.7.5.jar")), PicocliVersion.class),
                                "")
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void functionWithALibraryInItsJar_usesIt() {
        JsonObject answer = gateway.invoke("gson-old", "hi").bodyAsJsonObject();

        assertThat(answer.getString("echo")).isEqualTo("hi");
        assertThat(answer.getString("gson")).isEqualTo("gson-2.10.1.jar");
    }

    @Test
    void twoFunctionsWithConflictingVersionsOfOneLibrary_eachRunItsOwnOnOneNode() {
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.invoke("gson-old", "a").bodyAsJsonObject().getString("gson"))
                    .isEqualTo("gson-2.10.1.jar");
            assertThat(gateway.invoke("gson-new", "b").bodyAsJsonObject().getString("gson"))
                    .isEqualTo("gson-2.13.2.jar");
        }
    }

    @Test
    void functionWithAnotherVersionOfALibraryThePlatformUses_getsItsOwn() {
        String platforms = CommandLine.VERSION;

        String functions = gateway.invoke("picocli-old", "").bodyAsString();

        assertThat(functions).isEqualTo("4.7.5").isNotEqualTo(platforms);
    }
}
