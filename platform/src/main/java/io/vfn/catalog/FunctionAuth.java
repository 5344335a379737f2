package io.vfn.catalog;

import io.vfn.Failure;
import java.util.Locale;

/** Who may invoke a function: anyone who reaches the gateway, or only callers that show one of its keys. */
public enum FunctionAuth {
    /** Anyone who reaches the gateway (the default, as before keys existed). */
    NONE,
    /** Only callers with one of the function's invoke keys ({@code /system/functions/{name}/keys}). */
    KEY;

    /**
     * @param value the spec's {@code auth} field
     * @return its meaning
     * @throws io.vfn.VfnException {@code 400} naming the field for any other value
     */
    public static FunctionAuth parse(String value) {
        for (FunctionAuth auth : values()) {
            if (auth.text().equals(value)) {
                return auth;
            }
        }
        throw Failure.INVALID_SPEC.exception("auth must be 'none' or 'key', was '" + value + "'");
    }

    /** @return the spec's spelling: {@code none} or {@code key} */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
