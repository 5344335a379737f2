package io.vfn.testfunctions;

import com.google.gson.Gson;
import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * Uses Gson from its own {@code lib/}: answers, written by Gson, the body it got and the file Gson's classes came
 * from (which names the version).
 */
public final class GsonVersion implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        String source = Path.of(Gson.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .getFileName()
                .toString();
        String json = new Gson().toJson(Map.of("echo", request.bodyAsString(), "gson", source));
        return Future.succeededFuture(
                FunctionResponse.ok().header("Content-Type", "application/json").body(json));
    }
}
