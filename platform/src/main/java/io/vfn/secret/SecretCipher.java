package io.vfn.secret;

import io.vfn.Failure;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values with AES-256-GCM under the node's secrets key. The secret's name is authenticated with its
 * value, so a sealed value cannot be moved to another name; a fresh 96-bit nonce is drawn for every seal.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keyText the operator's key text; the AES key is its SHA-256, so any text of enough entropy serves
     */
    public SecretCipher(String keyText) {
        byte[] digest = sha256(keyText.getBytes(StandardCharsets.UTF_8));
        this.key = new SecretKeySpec(digest, "AES");
        // Names the key without revealing it, so that a member with another key says so rather than "bad tag".
        this.keyId = HexFormat.of().formatHex(sha256(digest)).substring(0, 12);
    }

    /** @return a short id of this key (a hash of a hash of it) */
    public String keyId() {
        return keyId;
    }

    /**
     * @param name  the secret's name
     * @param value   its value
     * @param updated cluster time of the change
     * @return the value sealed
     */
    public SealedSecret seal(String name, String value, long updated) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new SealedSecret(
                    name, updated, false, keyId, base64.encodeToString(nonce), base64.encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /**
     * @param secret a sealed value
     * @return the value
     * @throws io.vfn.VfnException when it was sealed under another key or altered
     */
    public String open(SealedSecret secret) {
        if (!keyId.equals(secret.keyId())) {
            throw Failure.INTERNAL.exception("secret '" + secret.name() + "' was sealed under key " + secret.keyId()
                    + " but this member's key is " + keyId + ": every member needs the same --secrets-key-file");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, base64.decode(secret.nonce())));
            cipher.updateAAD(secret.name().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(base64.decode(secret.sealed())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw Failure.INTERNAL.exception("secret '" + secret.name() + "' cannot be opened: it was altered");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
