package io.vfn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vfn.launcher.VfnNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One started node, with a {@link Gateway} client of it and the functions its tests call, for the tests of one class:
 * started before the first test, closed after the last (also when the start failed half-way, so no node outlives its
 * class).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final NodeExtension node = NodeExtension.start("--max-body", "1k").deploy("greeter", GreeterV1.class);
 *
 * @Test
 * void invoke_answersTheFunctionsResponse() {
 *     assertThat(node.gateway().invoke("greeter", "ada").bodyAsString()).isEqualTo("v1:ada");
 * }
 * }</pre>
 */
public final class NodeExtension implements BeforeAllCallback, AfterAllCallback {

    private record Deployment(String name, Class<?> function, String spec) {}

    private final String[] flags;
    private final List<Deployment> deployments = new ArrayList<>();
    private VfnNode node;
    private Gateway gateway;

    private NodeExtension(String[] flags) {
        this.flags = flags.clone();
    }

    /**
     * @param flags the node's flags, as {@link TestNode#start} takes them
     * @return the extension, to register on a static field
     */
    public static NodeExtension start(String... flags) {
        return new NodeExtension(flags);
    }

    /**
     * @param name     the function's name
     * @param function its class, put in a jar of its own
     * @return this
     */
    public NodeExtension deploy(String name, Class<?> function) {
        return deploy(name, function, "");
    }

    /**
     * @param name     the function's name
     * @param function its class, put in a jar of its own
     * @param spec     the spec as query parameters, e.g. {@code timeout=1s}
     * @return this
     */
    public NodeExtension deploy(String name, Class<?> function, String spec) {
        deployments.add(new Deployment(name, function, spec));
        return this;
    }

    /** @return the node */
    public VfnNode node() {
        return node;
    }

    /** @return a client of its gateway, with the admin token */
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        node = TestNode.start(flags);
        gateway = new Gateway(node);
        for (Deployment deployment : deployments) {
            assertThat(gateway.deploy(deployment.name(), TestJars.of(deployment.function()), deployment.spec())
                            .statusCode())
                    .as("deploying %s", deployment.name())
                    .isEqualTo(201);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            TestNode.stop(node);
        }
    }
}
