package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/**
 * Holds every call, no thread taken, until a message is published to {@link #RELEASE} on its node's event bus; then
 * answers each its own body: many calls that end at one moment a test chooses.
 */
public final class HeldEcho implements AsyncFunction {

    /** The local event-bus address that releases every held call. */
    public static final String RELEASE = "vfn.test.held-echo.release";

    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        Promise<FunctionResponse> answer = Promise.promise();
        MessageConsumer<Object> release = context.vertx().eventBus().localConsumer(RELEASE);
        release.handler(message -> {
            release.unregister();
            answer.tryComplete(FunctionResponse.text(request.bodyAsString()));
        });
        return answer.future();
    }
}
