package io.vfn.functions.sha256;

import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * CPU-bound and blocking: hashes the body {@code rounds} times (round 1 hashes the body, each next round the
 * previous digest) and answers the hex digest.
 *
 * <pre>curl -d abc 'http://127.0.0.1:8080/function/sha256?rounds=1000'</pre>
 */
public final class Sha256 implements BlockingFunction {

    static final int MAX_ROUNDS = 1_000_000;

    @Override
    public FunctionResponse handle(FunctionRequest request, FunctionContext context) throws NoSuchAlgorithmException {
        int rounds;
        try {
            rounds = Integer.parseInt(request.queryParam("rounds").orElse("1"));
        } catch (NumberFormatException e) {
            rounds = -1;
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            return FunctionResponse.text("rounds must be between 1 and " + MAX_ROUNDS)
                    .statusCode(400);
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] digest = sha256.digest(request.body().getBytes());
        for (int i = 1; i < rounds; i++) {
            digest = sha256.digest(digest);
        }
        return FunctionResponse.text(HexFormat.of().formatHex(digest));
    }
}
