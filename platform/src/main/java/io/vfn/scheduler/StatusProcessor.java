package io.vfn.scheduler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads one call's status and function where its record lives and answers only those ({@code status "\n" function}):
 * the record's bodies and result are skipped by the streaming parser, never decoded nor sent. Read-only, so it runs
 * without a backup.
 */
final class StatusProcessor implements EntryProcessor<String, HazelcastJsonValue, String>, ReadOnly {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String process(Map.Entry<String, HazelcastJsonValue> entry) {
        HazelcastJsonValue value = entry.getValue();
        return value == null ? null : briefOf(value.getValue());
    }

    @Override
    public EntryProcessor<String, HazelcastJsonValue, String> getBackupProcessor() {
        return null;
    }

    /**
     * @param json a call record
     * @return its {@code status} and {@code function}, one line each
     */
    static String briefOf(String json) {
        String status = null;
        String function = null;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while ((status == null || function == null) && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("status".equals(field) && token == JsonToken.VALUE_STRING) {
                    status = parser.getText();
                } else if ("function".equals(field) && token == JsonToken.VALUE_STRING) {
                    function = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            return status + "\n" + function;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
