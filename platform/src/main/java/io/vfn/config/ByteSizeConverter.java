package io.vfn.config;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Reads sizes such as {@code 512}, {@code 64k}, {@code 10m}, {@code 1g} (binary units) as bytes. */
public final class ByteSizeConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /**
     * @param value a size with an optional unit k, m or g (optionally followed by b or ib)
     * @return bytes
     */
    public static long parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replaceFirst("i?b$", "");
        long unit = 1;
        if (!v.isEmpty() && "kmg".indexOf(v.charAt(v.length() - 1)) >= 0) {
            unit = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(v.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is not a size such as 512k or 10m");
        }
    }
}
