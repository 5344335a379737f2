package io.vfn.callback;

import java.net.URI;
import java.net.URISyntaxException;

/** Callback URLs as records and logs show them: without the credentials a URL may carry. */
public final class CallbackUrls {

    private CallbackUrls() {}

    /**
     * @param url a callback URL
     * @return scheme, host, port and path only: user info, query and fragment (where tokens live) left out
     */
    public static String redacted(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawAuthority() == null) {
                return uri.getScheme() == null ? "(not a URL)" : uri.getScheme() + ":…";
            }
            String hostPort =
                    uri.getHost() == null ? "…" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            boolean hidden = uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null;
            return uri.getScheme() + "://" + hostPort + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (hidden ? "?…" : "");
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }
}
