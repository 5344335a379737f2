package io.vfn.catalog;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import io.vfn.config.DurationConverter;
import io.vfn.secret.SecretNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How a function runs: its handler class, instances and limits. Immutable; {@link #merge} makes a changed copy.
 *
 * @param handler     the class to run; optional when the jar names exactly one function
 * @param instances   verticle instances per node
 * @param concurrency most calls in flight per node (and the size of a blocking function's worker pool)
 * @param timeout     longest call
 * @param maxRetries  retries of a failed async call
 * @param maxQueue    most async calls waiting in the function's queue
 * @param maxAge      oldest an async call may get before it is {@code expired}
 * @param blocking    run the handler on the function's worker pool; unset means "as its type says"
 * @param eventLoop   run a non-blocking function's instances on the node's event loops, each call on the loop that
 *                    took it, instead of on contexts of their own: no thread hand-off, but a call that blocks stalls
 *                    that loop's other work
 * @param env         handed to the function
 * @param secrets     names of the secrets the function may read (their values are never part of the spec)
 * @param auth        whether invoking it needs one of its keys
 */
public record FunctionSpec(
        Optional<String> handler,
        int instances,
        int concurrency,
        Duration timeout,
        int maxRetries,
        int maxQueue,
        Duration maxAge,
        Optional<Boolean> blocking,
        boolean eventLoop,
        Map<String, String> env,
        SortedSet<String> secrets,
        FunctionAuth auth) {

    public static final int DEFAULT_INSTANCES = 1;
    public static final int DEFAULT_CONCURRENCY = 64;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final int DEFAULT_MAX_QUEUE = 10_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

    private static final Set<String> FIELDS = Set.of(
            "handler",
            "instances",
            "concurrency",
            "timeout",
            "maxRetries",
            "maxQueue",
            "maxAge",
            "blocking",
            "eventLoop",
            "env",
            "secrets",
            "auth");

    /** The spec every field of which has its default. */
    public static final FunctionSpec DEFAULT = new FunctionSpec(
            Optional.empty(),
            DEFAULT_INSTANCES,
            DEFAULT_CONCURRENCY,
            DEFAULT_TIMEOUT,
            DEFAULT_MAX_RETRIES,
            DEFAULT_MAX_QUEUE,
            DEFAULT_MAX_AGE,
            Optional.empty(),
            false,
            Map.of(),
            new TreeSet<>(),
            FunctionAuth.NONE);

    public FunctionSpec {
        env = Map.copyOf(env);
        secrets = Collections.unmodifiableSortedSet(new TreeSet<>(secrets));
        if (auth == null) {
            throw Failure.INVALID_SPEC.exception("auth must be 'none' or 'key'");
        }
        for (String secret : secrets) {
            if (!SecretNames.isValid(secret)) {
                throw Failure.INVALID_SPEC.exception(
                        "secrets: '" + secret + "' is not a secret name (" + SecretNames.RULE + ")");
            }
        }
        if (eventLoop && blocking.orElse(false)) {
            throw Failure.INVALID_SPEC.exception("eventLoop and blocking exclude each other: a handler that blocks "
                    + "would stall the event loop's other work");
        }
        check("instances", instances, 1, 64);
        check("concurrency", concurrency, 1, 10_000);
        check("maxRetries", maxRetries, 0, 100);
        check("maxQueue", maxQueue, 1, 10_000_000);
        checkDuration("timeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(15));
        checkDuration("maxAge", maxAge, Duration.ofSeconds(1), Duration.ofDays(30));
        if (handler.isPresent()
                && !handler.get().matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw Failure.INVALID_SPEC.exception(
                    "handler must be a fully qualified class name, was '" + handler.get() + "'");
        }
    }

    /**
     * This spec with the fields present in {@code patch} changed.
     *
     * @param patch spec fields as JSON (durations as {@code "30s"} or milliseconds)
     * @return the changed copy
     */
    public FunctionSpec merge(JsonObject patch) {
        for (String field : patch.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw Failure.INVALID_SPEC.exception("unknown spec field '" + field + "'; known: " + FIELDS);
            }
        }
        return new FunctionSpec(
                patch.containsKey("handler") ? Optional.ofNullable(typed(patch, "handler", String.class)) : handler,
                integer(patch, "instances", instances),
                integer(patch, "concurrency", concurrency),
                patch.containsKey("timeout") ? duration("timeout", patch.getValue("timeout")) : timeout,
                integer(patch, "maxRetries", maxRetries),
                integer(patch, "maxQueue", maxQueue),
                patch.containsKey("maxAge") ? duration("maxAge", patch.getValue("maxAge")) : maxAge,
                patch.containsKey("blocking") ? Optional.ofNullable(typed(patch, "blocking", Boolean.class)) : blocking,
                patch.containsKey("eventLoop")
                        ? Boolean.TRUE.equals(typed(patch, "eventLoop", Boolean.class))
                        : eventLoop,
                patch.containsKey("env") ? strings(typed(patch, "env", JsonObject.class)) : env,
                patch.containsKey("secrets") ? names(typed(patch, "secrets", JsonArray.class)) : secrets,
                patch.containsKey("auth") ? FunctionAuth.parse(typed(patch, "auth", String.class)) : auth);
    }

    /**
     * A spec from query parameters ({@code ?instances=2&timeout=5s&env.KEY=value}).
     *
     * @param query the parameters
     * @return the default spec changed by the parameters
     */
    public static FunctionSpec fromQuery(MultiMap query) {
        JsonObject patch = new JsonObject();
        JsonObject env = new JsonObject();
        JsonArray secrets = new JsonArray();
        for (Map.Entry<String, String> param : query) {
            String name = param.getKey();
            String value = param.getValue();
            if (name.startsWith("env.")) {
                env.put(name.substring(4), value);
            } else if (Set.of("instances", "concurrency", "maxRetries", "maxQueue")
                    .contains(name)) {
                patch.put(name, integer(name, value));
            } else if ("secrets".equals(name)) {
                Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .forEach(secrets::add);
            } else if ("blocking".equals(name) || "eventLoop".equals(name)) {
                patch.put(name, bool(name, value));
            } else {
                patch.put(name, value);
            }
        }
        if (!env.isEmpty()) {
            patch.put("env", env);
        }
        if (!secrets.isEmpty()) {
            patch.put("secrets", secrets);
        }
        return DEFAULT.merge(patch);
    }

    /**
     * @param json a spec as JSON
     * @return the default spec changed by it
     */
    public static FunctionSpec fromJson(JsonObject json) {
        return DEFAULT.merge(json);
    }

    /** @return this spec as JSON; durations as strings such as {@code "30s"} */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        handler.ifPresent(h -> json.put("handler", h));
        json.put("instances", instances)
                .put("concurrency", concurrency)
                .put("timeout", format(timeout))
                .put("maxRetries", maxRetries)
                .put("maxQueue", maxQueue)
                .put("maxAge", format(maxAge));
        blocking.ifPresent(b -> json.put("blocking", b));
        if (eventLoop) {
            json.put("eventLoop", true);
        }
        json.put("env", new JsonObject(new LinkedHashMap<>(env)));
        if (!secrets.isEmpty()) {
            json.put("secrets", new JsonArray(List.copyOf(secrets)));
        }
        return json.put("auth", auth.text());
    }

    private static String format(Duration duration) {
        long ms = duration.toMillis();
        return ms % 1000 != 0
                ? ms + "ms"
                : ms % 60_000 != 0 ? ms / 1000 + "s" : ms % 3_600_000 != 0 ? ms / 60_000 + "m" : ms / 3_600_000 + "h";
    }

    private static Duration duration(String field, Object value) {
        if (value instanceof Number n) {
            return Duration.ofMillis(wholeNumber(field, n, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (!(value instanceof String text)) {
            throw Failure.INVALID_SPEC.exception(
                    field + " must be a duration such as \"30s\" or a number of milliseconds");
        }
        try {
            return DurationConverter.parse(text);
        } catch (IllegalArgumentException e) {
            throw Failure.INVALID_SPEC.exception(field + ": " + e.getMessage());
        }
    }

    /** A JSON number read as an int only when it is one: 4294967297 or 1.5 is refused, never truncated. */
    private static int integer(JsonObject patch, String field, int current) {
        Object value = patch.getValue(field);
        if (value == null) {
            return current;
        }
        if (!(value instanceof Number n)) {
            throw Failure.INVALID_SPEC.exception(field + " must be an integer");
        }
        return (int) wholeNumber(field, n, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static long wholeNumber(String field, Number n, long min, long max) {
        try {
            long value = (n instanceof BigDecimal d ? d : new BigDecimal(n.toString())).longValueExact();
            if (value < min || value > max) {
                throw new ArithmeticException();
            }
            return value;
        } catch (ArithmeticException | NumberFormatException e) {
            // NumberFormatException: an infinite double, as 1e400 parses
            throw Failure.INVALID_SPEC.exception(field + " must be a whole number within its range, was " + n);
        }
    }

    private static <T> T typed(JsonObject patch, String field, Class<T> type) {
        Object value = patch.getValue(field);
        if (value != null && !type.isInstance(value)) {
            throw Failure.INVALID_SPEC.exception(
                    field + " must be a " + (type == JsonObject.class ? "JSON object" : type.getSimpleName()));
        }
        return type.cast(value);
    }

    private static int integer(String field, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Failure.INVALID_SPEC.exception(field + " must be an integer within its range, was '" + value + "'");
        }
    }

    private static boolean bool(String field, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw Failure.INVALID_SPEC.exception(field + " must be true or false, was '" + value + "'");
        };
    }

    private static Map<String, String> strings(JsonObject json) {
        Map<String, String> map = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return map;
    }

    private static SortedSet<String> names(JsonArray json) {
        SortedSet<String> names = new TreeSet<>();
        if (json != null) {
            json.forEach(name -> names.add(String.valueOf(name)));
        }
        return names;
    }

    private static void check(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw Failure.INVALID_SPEC.exception(field + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void checkDuration(String field, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw Failure.INVALID_SPEC.exception(field + " must be between " + format(min) + " and " + format(max));
        }
    }
}
