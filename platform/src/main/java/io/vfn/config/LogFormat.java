package io.vfn.config;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a node writes its log lines to the console. */
public enum LogFormat {
    /** One readable line each. */
    TEXT,
    /** One JSON object a line, for log collectors (Kubernetes, Loki, Elasticsearch …). */
    JSON;

    /** Reads {@code text} or {@code json}, in any case. */
    public static final class Converter implements ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            try {
                return LogFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a log format: text or json");
            }
        }
    }
}
