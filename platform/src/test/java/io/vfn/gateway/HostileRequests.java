package io.vfn.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.NotAFunction;
import io.vfn.testfunctions.ThrowingConstructor;
import io.vfn.testing.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A seeded generator of hostile requests over every route of the gateway: names, sub-paths, queries, headers and
 * bodies (at and past the limits), spec JSON and query specs (durations and numbers at and past their ranges),
 * multipart parts, and jars that are truncated, bombs, name no function or one whose constructor throws; and
 * WebSocket frames. The same seed makes the same requests.
 */
final class HostileRequests {

    /** One generated HTTP request. */
    record Request(String method, String uri, Map<String, String> headers, Buffer body) {
        @Override
        public String toString() {
            return method + " " + uri + " " + headers.keySet() + " body=" + body.length() + "B";
        }
    }

    /** The limits the generated node runs with: bodies are drawn at and past them. */
    static final int MAX_BODY = 64 * 1024;

    static final int MAX_ASYNC_BODY = 16 * 1024;
    static final int MAX_JAR = 1 << 20;

    private static final List<String> NAMES = List.of(
            "greeter",
            "keyed",
            "gen-0",
            "gen-1",
            "gen-2",
            "",
            "A",
            "a".repeat(63),
            "a".repeat(64),
            "ech%6F",
            "gree%74er",
            "%2e%2e",
            "..",
            ".",
            "x%20y",
            "%C3%A9",
            "-a",
            "a_b",
            "9a",
            "greeter@1",
            "greeter@canary",
            "greeter@99",
            "greeter@",
            "@",
            "greeter@@",
            "%00",
            "%zz",
            "greeter%2Fx",
            "g".repeat(300));
    private static final List<String> SUB_PATHS =
            List.of("", "/", "/a/b", "/../fail", "/%2e%2e/x", "/a/../../b", "//", "/%2F", "/;x", "/%", "/a%00b", "/é");
    private static final List<String> QUERIES = List.of(
            "", "?a=1", "?a", "?=", "?&&", "?x=%zz", "?ms=1", "?bytes=10", "?limit=0", "?a=" + "q".repeat(2000));
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/json",
            "application/java-archive",
            "multipart/form-data; boundary=XyZ",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
            "garbage/;;;",
            "");
    private static final List<Object> NUMBERS = Arrays.asList(
            0,
            -1,
            1,
            2,
            64,
            65,
            10_000,
            10_001,
            4_294_967_297L,
            Long.MAX_VALUE,
            1.5,
            -0.0,
            1e308,
            "1",
            "x",
            null,
            true,
            new JsonArray(),
            new JsonObject());
    private static final List<Object> DURATIONS = Arrays.asList(
            "1ms",
            "0s",
            "30s",
            "15m",
            "16m",
            "1h",
            "30d",
            "31d",
            "-5s",
            "9999999999999999h",
            "PT30S",
            "P1000000D",
            "",
            "s",
            "1.5s",
            0,
            -1,
            1,
            1e20,
            Long.MAX_VALUE,
            null,
            true,
            new JsonObject());
    private static final List<String> SPEC_FIELDS = List.of(
            "handler",
            "instances",
            "concurrency",
            "timeout",
            "maxRetries",
            "maxQueue",
            "maxAge",
            "blocking",
            "env",
            "auth",
            "secrets",
            "unknown");
    private static final List<String> CALL_IDS =
            List.of("00000000-0000-0000-0000-000000000000", "x", "..", "%2e", "a".repeat(500), "%00", "é");

    private final Random random;
    private final String adminToken;
    private final List<byte[]> jars;

    /**
     * @param seed       the seed: the same one makes the same requests
     * @param adminToken the node's admin token, sent on some admin requests (others get none or a wrong one)
     */
    HostileRequests(long seed, String adminToken) {
        this.random = new Random(seed);
        this.adminToken = adminToken;
        byte[] valid = TestJars.of(GreeterV1.class);
        this.jars = List.of(
                valid,
                Arrays.copyOf(valid, valid.length / 2),
                new byte[0],
                "not a jar".getBytes(StandardCharsets.UTF_8),
                TestJars.withoutServices(GreeterV1.class),
                TestJars.of(NotAFunction.class),
                TestJars.of(ThrowingConstructor.class),
                bomb());
    }

    /** @return the next request */
    Request next() {
        // Deploys are the slow requests (a jar inspected, instances started): a few percent of them.
        int n = random.nextInt(40);
        if (n < 12) {
            return invoke();
        } else if (n < 20) {
            return invokeAsync();
        } else if (n < 25) {
            return calls();
        } else if (n < 26) {
            return deploy();
        } else if (n < 27) {
            return patch();
        } else if (n < 29) {
            return functionAdmin();
        } else if (n < 31) {
            return secrets();
        } else if (n < 33) {
            return listCalls();
        } else if (n < 35) {
            return operations();
        } else if (n < 36) {
            return deleteFunction();
        }
        return unknownRoute();
    }

    /** @return the next WebSocket frame's text: JSON of any shape, or not JSON at all */
    String frame() {
        if (random.nextInt(10) == 0) {
            return pick(List.of("", "{", "[]", "null", "42", "\"op\"", "{\"op\":", "\u0000", "{}".repeat(100)));
        }
        JsonObject frame = new JsonObject();
        frame.put("op", pick(Arrays.asList("invoke", "invokeAsync", "subscribe", "nope", "", null, 1)));
        maybe(frame, "id", pick(Arrays.asList("c1", 7, null, new JsonObject(), "i".repeat(1000))));
        maybe(frame, "function", pick(Arrays.<Object>asList(pick(NAMES), 3, null, new JsonArray())));
        maybe(frame, "callId", pick(Arrays.<Object>asList(pick(CALL_IDS), 4, null)));
        maybe(frame, "body", pick(Arrays.asList("hi", new JsonObject().put("a", 1), 5, null, "b".repeat(20_000))));
        maybe(frame, "bodyBase64", pick(Arrays.asList("aGk=", "!!!", "", 9)));
        maybe(frame, "headers", pick(Arrays.asList(new JsonObject().put("X-A", "1"), "h", 1, new JsonArray())));
        maybe(frame, "method", pick(Arrays.asList("GET", "", "X Y", 2)));
        maybe(frame, "path", pick(Arrays.<Object>asList(pick(SUB_PATHS), 2)));
        maybe(frame, "key", pick(Arrays.asList("vfk_x", "", 3)));
        maybe(frame, "callback", pick(Arrays.asList("http://127.0.0.1/x", "ftp://x", "", 1)));
        return frame.encode();
    }

    private Request invoke() {
        String method = pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"));
        return new Request(
                method, "/function/" + pick(NAMES) + pick(SUB_PATHS) + pick(QUERIES), headers(false), body(MAX_BODY));
    }

    private Request invokeAsync() {
        Map<String, String> headers = headers(false);
        if (random.nextBoolean()) {
            headers.put(
                    "X-Callback-Url",
                    pick(List.of(
                            "http://127.0.0.1:1/x",
                            "https://10.0.0.1/",
                            "ftp://example.com/",
                            "not a url",
                            "http://[::1]/",
                            "http://169.254.169.254/latest",
                            "http://user:pw@localhost/",
                            "")));
        }
        return new Request(
                pick(List.of("POST", "POST", "GET", "PUT")),
                "/async-function/" + pick(NAMES) + pick(SUB_PATHS) + pick(QUERIES),
                headers,
                body(MAX_ASYNC_BODY));
    }

    private Request calls() {
        String id = pick(CALL_IDS);
        return new Request(
                pick(List.of("GET", "DELETE", "POST", "PUT")),
                "/calls/" + id + pick(List.of("", "/result", "/logs", "/retry", "/x")),
                headers(random.nextBoolean()),
                Buffer.buffer());
    }

    private Request listCalls() {
        return new Request(
                "GET",
                "/calls?function=" + pick(NAMES) + "&status="
                        + pick(List.of("failed", "queued", "x", "", "%00")) + "&limit="
                        + pick(Arrays.asList("0", "1", "1000", "1001", "-1", "x", "99999999999999999999")),
                headers(true),
                Buffer.buffer());
    }

    private Request deploy() {
        Map<String, String> headers = headers(true);
        String name = pick(List.of("gen-0", "gen-1", "gen-2", "gen-3", "BAD", "a".repeat(70)));
        byte[] jar = pick(jars);
        if (random.nextBoolean()) {
            headers.put("Content-Type", "application/java-archive");
            return new Request("PUT", "/system/functions/" + name + "?" + querySpec(), headers, Buffer.buffer(jar));
        }
        String boundary = "vfnBoundary" + random.nextInt(1000);
        headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        return new Request("PUT", "/system/functions/" + name, headers, multipart(boundary, jar));
    }

    private Request patch() {
        return new Request(
                "PATCH",
                "/system/functions/" + pick(List.of("gen-0", "gen-1", "nope", "..")),
                headers(true),
                random.nextInt(5) == 0 ? body(MAX_BODY) : specJson().toBuffer());
    }

    private Request functionAdmin() {
        String name = pick(List.of("gen-0", "greeter", "nope", "%2e%2e"));
        String suffix = pick(List.of(
                "",
                "/revisions",
                "/rollback",
                "/keys",
                "/keys/x",
                "/aliases/canary",
                "/aliases/" + "a".repeat(300),
                "/traffic",
                "/logs?since=" + pick(List.of("5m", "x", "-1s", "9999999999999999h", "2020-01-01T00:00:00Z"))));
        String method = pick(List.of("GET", "POST", "PUT", "DELETE"));
        Buffer body = pick(List.of(
                new JsonObject().put("revision", pick(NUMBERS)).toBuffer(),
                new JsonObject().put("1", pick(NUMBERS)).put("2", pick(NUMBERS)).toBuffer(),
                Buffer.buffer("{"),
                Buffer.buffer()));
        return new Request(method, "/system/functions/" + name + suffix, headers(true), body);
    }

    private Request secrets() {
        String name = pick(List.of("db", "a.b_c-d", "", "x".repeat(64), "%2e%2e", "é", "db%00"));
        int size = pick(List.of(0, 10, 64 * 1024, 64 * 1024 + 1, 100_000));
        return new Request(
                pick(List.of("PUT", "GET", "DELETE")),
                "/system/secrets/" + name,
                headers(true),
                Buffer.buffer(new byte[size]));
    }

    private Request deleteFunction() {
        return new Request(
                "DELETE",
                "/system/functions/" + pick(List.of("gen-0", "gen-1", "gen-2", "gen-3", "nope")),
                headers(true),
                Buffer.buffer());
    }

    private Request operations() {
        return new Request(
                pick(List.of("GET", "POST")),
                pick(List.of(
                        "/health/live",
                        "/health/ready",
                        "/metrics",
                        "/system/nodes",
                        "/system/info",
                        "/system/functions",
                        "/system/secrets")),
                headers(random.nextBoolean()),
                Buffer.buffer());
    }

    private Request unknownRoute() {
        return new Request(
                pick(List.of("GET", "POST", "TRACE", "CONNECT")),
                pick(List.of(
                        "/",
                        "/x",
                        "/function",
                        "/function/",
                        "/async-function/",
                        "/calls/",
                        "/system",
                        "/%",
                        "/..%2f..%2fetc/passwd",
                        "/" + "p".repeat(3000),
                        "/ws")),
                headers(random.nextBoolean()),
                body(1024));
    }

    private Map<String, String> headers(boolean admin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (admin) {
            headers.put(
                    "Authorization",
                    pick(List.of(
                            "Bearer " + adminToken, "Bearer " + adminToken, "Bearer x", "Basic eDp5", "Bearer", "")));
        }
        if (random.nextBoolean()) {
            headers.put("Content-Type", pick(CONTENT_TYPES));
        }
        if (random.nextInt(4) == 0) {
            headers.put("X-Call-Id", pick(List.of("my-id", "", "i".repeat(500), "é", "a b")));
        }
        if (random.nextInt(6) == 0) {
            headers.put("X-Api-Key", pick(List.of("vfk_nope", "", "k".repeat(300))));
        }
        if (random.nextInt(8) == 0) {
            headers.put("Expect", "100-continue");
        }
        return headers;
    }

    private Buffer body(int limit) {
        return switch (random.nextInt(6)) {
            case 0 -> Buffer.buffer();
            case 1 -> Buffer.buffer(pick(List.of("hi", "{\"a\":1}", "{", "null", "[]", "\u0000\u0001")));
            case 2 -> specJson().toBuffer();
            case 3 -> Buffer.buffer(new byte[pick(List.of(limit - 1, limit, limit + 1))]);
            default -> {
                byte[] bytes = new byte[random.nextInt(2048)];
                random.nextBytes(bytes);
                yield Buffer.buffer(bytes);
            }
        };
    }

    private JsonObject specJson() {
        JsonObject spec = new JsonObject();
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            String field = pick(SPEC_FIELDS);
            Object value = switch (field) {
                case "timeout", "maxAge" -> pick(DURATIONS);
                case "env" ->
                    pick(Arrays.asList(new JsonObject().put("A", "b"), new JsonObject().put("A", 1), "x", null));
                case "auth" -> pick(Arrays.asList("none", "key", "KEY", "", 1));
                case "secrets" -> pick(Arrays.asList(new JsonArray().add("db"), new JsonArray().add(1), "db", null));
                case "handler" -> pick(Arrays.asList(GreeterV1.class.getName(), "x.Y", "", 1));
                case "blocking" -> pick(Arrays.asList(true, "yes", 1, null));
                default -> pick(NUMBERS);
            };
            spec.put(field, value);
        }
        return spec;
    }

    private String querySpec() {
        StringBuilder query = new StringBuilder();
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            String field = pick(SPEC_FIELDS);
            Object value = field.equals("timeout") || field.equals("maxAge") ? pick(DURATIONS) : pick(NUMBERS);
            // Valid deploys keep to a few instances: the test floods the gateway, not the runtime.
            if (field.equals("instances") && value instanceof Number n && n.longValue() > 2 && n.longValue() <= 64) {
                value = 2;
            }
            query.append(field).append('=').append(value).append('&');
        }
        if (random.nextInt(5) == 0) {
            query.append("env.A=").append(pick(List.of("b", "", "%zz"))).append('&');
        }
        return query.toString();
    }

    private Buffer multipart(String boundary, byte[] jar) {
        Buffer body = Buffer.buffer();
        if (random.nextInt(4) != 0) {
            part(
                    body,
                    boundary,
                    pick(List.of("jar", "jar", "file", "")),
                    "application/java-archive",
                    Buffer.buffer(jar));
        }
        if (random.nextBoolean()) {
            part(
                    body,
                    boundary,
                    pick(List.of("spec", "spec", "other")),
                    "application/json",
                    specJson().toBuffer());
        }
        if (random.nextInt(10) != 0) {
            body.appendString("--" + boundary + "--\r\n");
        }
        return body;
    }

    private static void part(Buffer body, String boundary, String name, String type, Buffer content) {
        body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                        + "\"; filename=\"f.jar\"\r\nContent-Type: " + type + "\r\n\r\n")
                .appendBuffer(content)
                .appendString("\r\n");
    }

    /** A jar whose one class entry inflates to 8 MiB from a few kilobytes. */
    private static byte[] bomb() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/services/io.vfn.sdk.VfnFunction"));
            zip.write("io.vfn.Bomb\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("io/vfn/Bomb.class"));
            zip.write(new byte[8 << 20]);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void maybe(JsonObject frame, String field, Object value) {
        if (random.nextBoolean()) {
            frame.put(field, value);
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
