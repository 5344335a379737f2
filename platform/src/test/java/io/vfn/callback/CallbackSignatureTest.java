package io.vfn.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.http.HttpHeaders;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * vfn's callback signatures, verified by the Standard Webhooks reference library ({@code com.standardwebhooks}),
 * an implementation independent of vfn's.
 */
class CallbackSignatureTest {

    private static final String SECRET = CallbackSigner.generate();
    private static final Webhook RECEIVER = new Webhook(SECRET);

    @Test
    void aSignedCallback_verifiesWithTheReferenceLibrary() {
        MultiMap headers =
                signed(CallbackSigner.create(SECRET, Optional.empty()), "call-1", now(), "{\"greeting\":\"Hi\"}");

        assertThat(headers.get("webhook-id")).isEqualTo("call-1");
        assertThat(headers.get("webhook-signature")).startsWith("v1,");
        assertThatCode(() -> RECEIVER.verify("{\"greeting\":\"Hi\"}", http(headers)))
                .doesNotThrowAnyException();
    }

    @Test
    void aBodyTakenFromOneCall_doesNotVerifyAsAnothers() {
        CallbackSigner signer = CallbackSigner.create(SECRET, Optional.empty());
        long now = now();
        MultiMap fromA = signed(signer, "call-a", now, "transfer 10");
        MultiMap asB = MultiMap.caseInsensitiveMultiMap().addAll(fromA).set("webhook-id", "call-b");

        assertThatCode(() -> RECEIVER.verify("transfer 10", http(fromA))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RECEIVER.verify("transfer 10", http(asB)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> RECEIVER.verify("transfer 99", http(fromA)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aStaleTimestamp_isRefused_andAReplayedId_isSeenAgain() {
        CallbackSigner signer = CallbackSigner.create(SECRET, Optional.empty());
        MultiMap stale = signed(signer, "call-1", now() - 600, "done");

        // Correctly signed, but ten minutes old: the library's five-minute tolerance refuses it.
        assertThatThrownBy(() -> RECEIVER.verify("done", http(stale)))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("timestamp");

        // A capture sent again verifies while fresh; its id, the call id, is what the receiver has already seen.
        Set<String> seen = new HashSet<>();
        MultiMap fresh = signed(signer, "call-2", now(), "done");
        for (int delivery = 0; delivery < 2; delivery++) {
            assertThatCode(() -> RECEIVER.verify("done", http(fresh))).doesNotThrowAnyException();
            boolean first = seen.add(fresh.get("webhook-id"));
            assertThat(first).isEqualTo(delivery == 0);
        }
    }

    @Test
    void duringARotation_receiversWithEitherSecretVerify() {
        String next = CallbackSigner.generate();
        MultiMap headers = signed(CallbackSigner.create(next, Optional.of(SECRET)), "call-1", now(), "body");

        assertThat(headers.get("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> RECEIVER.verify("body", http(headers))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(next).verify("body", http(headers))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(CallbackSigner.generate()).verify("body", http(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void secrets_areWhsecBase64_ofAtLeast16Bytes() {
        assertThat(CallbackSigner.generate()).startsWith("whsec_");
        assertThat(CallbackSigner.key(CallbackSigner.generate())).hasSize(32);
        // A secret generated before the whsec_ form (64 hex digits) still reads, as the standard libraries read it.
        assertThat(CallbackSigner.key("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
                .hasSize(48);
        assertThatThrownBy(() -> CallbackSigner.key("whsec_c2hvcnQ=")).hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> CallbackSigner.key("not base64!")).hasMessageContaining("whsec_");
    }

    private static MultiMap signed(CallbackSigner signer, String id, long timestamp, String body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        signer.sign(headers, id, timestamp, Buffer.buffer(body));
        return headers;
    }

    private static HttpHeaders http(MultiMap headers) {
        Map<String, List<String>> map =
                headers.names().stream().collect(Collectors.toMap(name -> name, headers::getAll));
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
