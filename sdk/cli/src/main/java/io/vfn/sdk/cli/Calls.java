package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.CallInfo;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/** How async calls look to people: the pieces the call commands share. */
final class Calls {

    private Calls() {}

    /**
     * Prints a call's record as {@code key: value} lines (times readable, the result's body left to {@code --result},
     * its log lines to {@code --logs}).
     *
     * @param call      the call
     * @param out       where to print
     * @param withLines whether its log lines are printed after the record: then the record does not count them
     */
    static void describe(CallInfo call, PrintStream out, boolean withLines) {
        for (Map.Entry<String, Object> field : call.json()) {
            Object value = field.getValue();
            if ("logs".equals(field.getKey()) && value instanceof JsonArray lines) {
                if (withLines) {
                    continue;
                }
                value = lines.size() + " line(s) (vfn call " + call.callId() + " --logs prints them)";
            }
            if (field.getKey().endsWith("At") && value instanceof Number epochMs) {
                value = Instant.ofEpochMilli(epochMs.longValue());
            }
            if ("result".equals(field.getKey()) && value instanceof JsonObject result) {
                value = "status " + result.getValue("statusCode") + " (vfn call " + call.callId()
                        + " --result prints the body)";
            }
            out.println(field.getKey() + ": " + value);
        }
    }

    /**
     * @param call a call
     * @return when it last changed, readable
     */
    static String updated(CallInfo call) {
        Object at = call.json().getValue("updatedAt");
        return at instanceof Number epochMs
                ? Instant.ofEpochMilli(epochMs.longValue()).toString()
                : "-";
    }
}
