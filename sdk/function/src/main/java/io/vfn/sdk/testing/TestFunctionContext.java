package io.vfn.sdk.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link FunctionContext} for unit tests, to call a function's {@code handle} directly: the env and secrets the test
 * sets, a logger that records what the function logged, and {@code invoke} answered by stubs.
 *
 * <pre>{@code
 * TestFunctionContext context = TestFunctionContext.create("greet").env("LANG", "en")
 *     .stub("audit", request -> Future.succeededFuture(FunctionResponse.ok()));
 * FunctionResponse response = new Greet().handle(FunctionRequest.builder().body("Ada").build(), context).await();
 * assertThat(context.logs()).extracting(LogLine::message).contains("greeted Ada");
 * }</pre>
 * Not thread-safe to configure; safe to use from the function once configured.
 */
public final class TestFunctionContext implements FunctionContext {

    private final String name;
    private final Vertx vertx;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Function<FunctionRequest, Future<FunctionResponse>>> stubs = new ConcurrentHashMap<>();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final RecordingLogger logger;

    private TestFunctionContext(String name, Vertx vertx) {
        this.name = Objects.requireNonNull(name, "name");
        this.vertx = vertx;
        this.logger = new RecordingLogger("vfn.function." + name);
    }

    /**
     * @param name the function's name
     * @return a context without Vert.x: {@link #vertx()} fails (use {@link #create(String, Vertx)} for a function
     *     that sets timers or opens clients)
     */
    public static TestFunctionContext create(String name) {
        return new TestFunctionContext(name, null);
    }

    /**
     * @param name  the function's name
     * @param vertx the Vert.x the function gets from {@link #vertx()}, owned by the test
     * @return a context
     */
    public static TestFunctionContext create(String name, Vertx vertx) {
        return new TestFunctionContext(name, Objects.requireNonNull(vertx, "vertx"));
    }

    /**
     * @param key   an env key
     * @param value its value
     * @return this
     */
    public TestFunctionContext env(String key, String value) {
        env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param secretName a secret the function may read
     * @param value      its value
     * @return this
     */
    public TestFunctionContext secret(String secretName, String value) {
        secrets.put(Objects.requireNonNull(secretName, "secretName"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Answers the function's {@code invoke} of another function.
     *
     * @param function the other function's name
     * @param answer   what it answers to each request (a failed future with a {@link FunctionException} stands for a
     *                 platform failure, as on a node)
     * @return this
     */
    public TestFunctionContext stub(String function, Function<FunctionRequest, Future<FunctionResponse>> answer) {
        stubs.put(Objects.requireNonNull(function, "function"), Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** @return what the function logged, oldest first */
    public List<LogLine> logs() {
        return logger.lines();
    }

    /**
     * One call the function made through {@code invoke}.
     *
     * @param function the function it called
     * @param request  the request it sent
     */
    public record Invocation(String function, FunctionRequest request) {}

    /** @return the calls the function made to other functions, oldest first */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    @Override
    public Optional<String> secret(String secretName) {
        return Optional.ofNullable(secrets.get(secretName));
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Vertx vertx() {
        if (vertx == null) {
            throw new IllegalStateException(
                    "this context has no Vert.x: create it with TestFunctionContext.create(name, vertx)");
        }
        return vertx;
    }

    /**
     * @return the stub's answer; a function nobody stubbed fails with {@code 404}, as an unknown function does on a
     *     node
     */
    @Override
    public Future<FunctionResponse> invoke(String function, FunctionRequest request) {
        invocations.add(new Invocation(function, request));
        Function<FunctionRequest, Future<FunctionResponse>> stub = stubs.get(function);
        if (stub == null) {
            return Future.failedFuture(new FunctionException(
                    404, "no function named '" + function + "' (stub it: TestFunctionContext.stub)"));
        }
        return stub.apply(request);
    }
}
