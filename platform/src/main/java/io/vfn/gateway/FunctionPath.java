package io.vfn.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The function and sub-path of an invocation's raw path ({@code /function/echo/a/b}), read the same way by the sync
 * and the async route: the name is the first segment, percent-decoded once ({@code ech%6F} is {@code echo});
 * the sub-path is the rest as sent, with its dot segments resolved inside it, so that {@code ..} never climbs
 * out of the function ({@code /async-function/echo/../fail} calls {@code echo} with sub-path {@code /fail}).
 *
 * @param name    the function's name, decoded; not yet checked against the name rule
 * @param subPath the sub-path, at least {@code /}
 */
public record FunctionPath(String name, String subPath) {

    /**
     * @param rawPath a request's path, not decoded
     * @param prefix  the route's prefix, such as {@code /function/}
     * @return the function and sub-path
     */
    public static FunctionPath parse(String rawPath, String prefix) {
        String rest = rawPath.substring(Math.min(prefix.length(), rawPath.length()));
        int slash = rest.indexOf('/');
        String rawName = slash < 0 ? rest : rest.substring(0, slash);
        return new FunctionPath(decodeOnce(rawName), withoutDotSegments(slash < 0 ? "" : rest.substring(slash)));
    }

    /** RFC 3986 §5.2.4 on a path that starts with {@code /}: {@code .} and {@code ..} (also percent-encoded) resolved, never above the root. */
    static String withoutDotSegments(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = decodeOnce(segments[i]);
            boolean last = i == segments.length - 1;
            if (segment.equals("..")) {
                kept.pollLast();
            } else if (!segment.equals(".")) {
                kept.addLast(segments[i]);
                continue;
            }
            if (last) {
                kept.addLast("");
            }
        }
        return "/" + String.join("/", kept);
    }

    /** Percent-decodes once as UTF-8; a malformed sequence leaves the text as it is (the name rule then refuses it). */
    static String decodeOnce(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    return text;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return text;
        }
    }
}
