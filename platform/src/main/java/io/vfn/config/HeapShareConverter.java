package io.vfn.config;

import picocli.CommandLine.ITypeConverter;

/** Reads a size ({@code 256m}) or a share of this JVM's largest heap ({@code 25%}) as bytes. */
public final class HeapShareConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parse(value, Runtime.getRuntime().maxMemory());
    }

    /**
     * @param value   a size, or a percentage from 1 to 100
     * @param maxHeap the heap a percentage is of
     * @return bytes
     */
    public static long parse(String value, long maxHeap) {
        String v = value.trim();
        if (!v.endsWith("%")) {
            return ByteSizeConverter.parse(v);
        }
        try {
            int percent = Integer.parseInt(v.substring(0, v.length() - 1).trim());
            if (percent < 1 || percent > 100) {
                throw new NumberFormatException();
            }
            return maxHeap / 100 * percent;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a size such as 256m or a share of the heap from 1% to 100%");
        }
    }
}
