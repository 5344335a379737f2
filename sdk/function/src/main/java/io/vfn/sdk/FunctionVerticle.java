package io.vfn.sdk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.impl.BasicFunctionContext;
import io.vfn.sdk.impl.NodeInflight;
import io.vfn.sdk.impl.Wire;

/**
 * A function written as a plain verticle: it consumes its own address ({@code vfn.fn.<name>}) and answers
 * each call from {@link #handle}. Use it when a function wants the verticle life cycle itself (its own timers,
 * state kept between calls, several consumers); otherwise prefer {@link AsyncFunction}.
 *
 * <pre>{@code
 * public final class Counter extends FunctionVerticle {
 *     private long count;
 *     protected Future<FunctionResponse> handle(FunctionRequest request) {
 *         return Future.succeededFuture(FunctionResponse.text(Long.toString(++count)));
 *     }
 * }
 * }</pre>
 * The platform deploys it {@code instances} times with the config keys below, and this class enforces the
 * function's timeout ({@code 504}) and in-flight limit per node ({@code 429}); on undeploy it stops taking
 * calls and waits for the ones it runs.
 */
public abstract class FunctionVerticle extends VerticleBase {

    /** Config key: the function's name. */
    public static final String CONFIG_NAME = "name";
    /** Config key: the spec's env, a JSON object of strings. */
    public static final String CONFIG_ENV = "env";
    /** Config key: most calls in flight on this node. */
    public static final String CONFIG_CONCURRENCY = "concurrency";
    /** Config key: timeout of one call in milliseconds. */
    public static final String CONFIG_TIMEOUT_MS = "timeoutMs";
    /** Config key: an id shared by the instances of one deployment on a node (they share one in-flight limit). */
    public static final String CONFIG_DEPLOYMENT_ID = "deploymentId";

    private static final long DRAIN_POLL_MS = 10;

    private FunctionContext functionContext;
    private MessageConsumer<Buffer> consumer;
    private NodeInflight nodeInflight;
    private int concurrency;
    private long timeoutMs;
    private int inflight;

    /**
     * Handles one call on this verticle's event loop.
     *
     * @param request the call
     * @return the response; a failed future becomes a {@code 502}
     */
    protected abstract Future<FunctionResponse> handle(FunctionRequest request);

    /** @return this function's context (name, env, logger, invoke), set before {@link #handle} first runs */
    protected FunctionContext functionContext() {
        return functionContext;
    }

    /**
     * Called once before the consumer is registered; the default does nothing.
     *
     * @return the future of the set-up
     */
    protected Future<?> setUp() {
        return Future.succeededFuture();
    }

    /**
     * Called once after the last call; the default does nothing.
     *
     * @return the future of the tear-down
     */
    protected Future<?> tearDown() {
        return Future.succeededFuture();
    }

    @Override
    public final Future<?> start() {
        JsonObject config = config();
        String name = config.getString(CONFIG_NAME);
        if (name == null) {
            return Future.failedFuture(new IllegalArgumentException("config '" + CONFIG_NAME + "' is missing"));
        }
        concurrency = config.getInteger(CONFIG_CONCURRENCY, Integer.MAX_VALUE);
        timeoutMs = config.getLong(CONFIG_TIMEOUT_MS, 30_000L);
        nodeInflight = NodeInflight.of(vertx, config.getString(CONFIG_DEPLOYMENT_ID, name));
        functionContext = new BasicFunctionContext(vertx, name, config.getJsonObject(CONFIG_ENV, new JsonObject()));
        return setUp().compose(v -> {
            consumer = vertx.eventBus().consumer(Addresses.function(name), this::onCall);
            return consumer.completion();
        });
    }

    @Override
    public final Future<?> stop() {
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.compose(v -> drained()).compose(v -> tearDown());
    }

    private void onCall(Message<Buffer> message) {
        if (nodeInflight.incrementUpTo(concurrency) < 0) {
            message.fail(429, "the function's in-flight limit of " + concurrency + " on this node is reached");
            return;
        }
        inflight++;
        FunctionRequest request = Wire.decodeRequest(message);
        long remaining = Math.min(request.deadline().toEpochMilli() - System.currentTimeMillis(), timeoutMs);
        Promise<FunctionResponse> outcome = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, remaining), id -> outcome.tryFail(
            new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 504, "the function did not answer within " + timeoutMs + " ms")));
        Future<FunctionResponse> handled;
        try {
            handled = handle(request);
        } catch (RuntimeException e) {
            handled = Future.failedFuture(e);
        }
        handled.onComplete(result -> {
            if (result.succeeded()) {
                outcome.tryComplete(result.result());
            } else {
                outcome.tryFail(result.cause());
            }
        });
        outcome.future().onComplete(result -> {
            vertx.cancelTimer(timer);
            inflight--;
            nodeInflight.decrement();
            if (result.succeeded() && result.result() != null) {
                FunctionResponse response = result.result();
                message.reply(response.body(), Wire.replyOptions(response));
            } else if (result.failed() && result.cause() instanceof ReplyException failure) {
                message.fail(failure.failureCode(), failure.getMessage());
            } else {
                String detail = result.failed() ? describe(result.cause()) : "the function answered nothing";
                functionContext.logger().log(System.Logger.Level.DEBUG, "call " + request.callId() + " failed: " + detail);
                message.fail(502, detail);
            }
        });
    }

    private Future<Void> drained() {
        Promise<Void> done = Promise.promise();
        long giveUpAt = System.currentTimeMillis() + timeoutMs + 1_000;
        if (inflight == 0) {
            return Future.succeededFuture();
        }
        vertx.setPeriodic(DRAIN_POLL_MS, id -> {
            if (inflight == 0 || System.currentTimeMillis() > giveUpAt) {
                vertx.cancelTimer(id);
                done.tryComplete();
            }
        });
        return done.future();
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return "the function failed: " + cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
