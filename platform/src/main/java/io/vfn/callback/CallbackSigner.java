package io.vfn.callback;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs callbacks by the Standard Webhooks scheme: {@code webhook-id} (the call id), {@code webhook-timestamp}
 * (Unix seconds of the attempt) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 * During a rotation it signs with the current and the previous secret (two space-separated signatures), so
 * receivers that know either one verify. Secrets are {@code whsec_<base64 key>}, as the standard libraries read
 * them; the prefix is optional.
 */
public final class CallbackSigner {

    /** Prefix of a secret in the Standard Webhooks form. */
    public static final String PREFIX = "whsec_";

    private static final int MIN_KEY_BYTES = 16;
    private static final int GENERATED_KEY_BYTES = 32;

    private final List<SecretKeySpec> keys;

    private CallbackSigner(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * @param current  the secret to sign with
     * @param previous the secret of before a rotation, still signed with until receivers have the current one
     * @return the signer
     * @throws IllegalArgumentException when a secret is not {@code [whsec_]<base64>} of at least 16 bytes
     */
    public static CallbackSigner create(String current, Optional<String> previous) {
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(new SecretKeySpec(key(current), "HmacSHA256"));
        previous.ifPresent(secret -> keys.add(new SecretKeySpec(key(secret), "HmacSHA256")));
        return new CallbackSigner(keys);
    }

    /**
     * @param secret a secret, {@code whsec_<base64>} or the base64 alone
     * @return its key bytes
     * @throws IllegalArgumentException when it is not base64 of at least 16 bytes
     */
    public static byte[] key(String secret) {
        String encoded = secret.trim().startsWith(PREFIX) ? secret.trim().substring(PREFIX.length()) : secret.trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "a callback secret is whsec_ followed by base64, e.g. from `echo whsec_$(openssl rand -base64 32)`");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a callback secret needs at least " + MIN_KEY_BYTES + " bytes of key, this one has " + key.length);
        }
        return key;
    }

    /** @return a new random secret, {@code whsec_<base64 of 32 bytes>} */
    public static String generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Adds {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} to a callback's headers.
     *
     * @param headers   the callback's headers, changed
     * @param id        the call id
     * @param timestamp the attempt's time, Unix seconds
     * @param body      the exact body sent
     */
    public void sign(MultiMap headers, String id, long timestamp, Buffer body) {
        headers.set("webhook-id", id)
                .set("webhook-timestamp", Long.toString(timestamp))
                .set("webhook-signature", signature(id, timestamp, body));
    }

    /**
     * @param id        the call id
     * @param timestamp Unix seconds
     * @param body      the body
     * @return {@code v1,<base64>} per secret, space-separated
     */
    public String signature(String id, long timestamp, Buffer body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        List<String> signatures = new ArrayList<>();
        for (SecretKeySpec key : keys) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                mac.update(prefix);
                signatures.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
            }
        }
        return String.join(" ", signatures);
    }
}
