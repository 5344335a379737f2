package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Answers the SHA-256 (hex) of the secret named by the body, or {@code absent}: proves the function read the value
 * without the value itself ever travelling in an answer or a call record.
 */
public final class SecretDigest implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        String answer =
                context.secret(request.bodyAsString()).map(SecretDigest::sha256).orElse("absent");
        return Future.succeededFuture(FunctionResponse.text(answer));
    }

    /**
     * @param value a text
     * @return its SHA-256, hex
     */
    public static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
