package io.vfn.sdk.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.util.Map;
import java.util.Optional;

/** The {@link FunctionContext} the platform hands every function instance. */
public final class BasicFunctionContext implements FunctionContext {

    private final Vertx vertx;
    private final String name;
    private final Map<String, String> env;
    private final System.Logger logger;
    private final FunctionCalls calls;
    private final DeploymentSecrets secrets;

    /**
     * @param vertx the node
     * @param name  the function's name
     * @param env   the spec's env
     * @param secrets the secret values the deployment may read
     */
    public BasicFunctionContext(Vertx vertx, String name, Map<String, String> env, DeploymentSecrets secrets) {
        this.vertx = vertx;
        this.name = name;
        this.env = Map.copyOf(env);
        this.logger = new TaggedLogger(vertx, name);
        this.calls = FunctionCalls.of(vertx);
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> env() {
        return env;
    }

    @Override
    public Optional<String> secret(String name) {
        return secrets.get(name);
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public Future<FunctionResponse> invoke(String function, FunctionRequest request) {
        return calls.invoke(function, request);
    }
}
