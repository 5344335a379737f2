package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void strictLint_passes() {
        LintResult lint = new Helm(Chart.DIR).lint().strict().call();

        assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
    }

    @Test
    void tlsWithoutItsSecret_failsOnceWithAClearMessage() {
        assertThatThrownBy(() -> Chart.render(Map.of("cluster.tls.enabled", "true")))
                .hasMessageContaining("cluster.tls.enabled needs cluster.tls.secretName");
    }

    @Test
    void valuesAgainstTheSchema_areChecked() {
        assertThatThrownBy(() -> Chart.render(Map.of("gateway.port", "eighty")))
                .hasMessageContaining("/gateway/port")
                .hasMessageContaining("want integer");
    }
}
