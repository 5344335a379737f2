package io.vfn.secret;

import io.vfn.Failure;
import java.util.regex.Pattern;

/** The rule for secret names: letters, digits, {@code .}, {@code _} and {@code -}, as Kubernetes keys allow. */
public final class SecretNames {

    /** The rule, for messages. */
    public static final String RULE =
            "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters";

    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$");

    private SecretNames() {}

    /**
     * @param name a name
     * @return whether it is valid
     */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * @param name a name
     * @return the name
     * @throws io.vfn.VfnException {@code 400} when it is not valid
     */
    public static String require(String name) {
        if (!isValid(name)) {
            throw Failure.BAD_REQUEST.exception("'" + name + "' is not a valid secret name: " + RULE);
        }
        return name;
    }
}
