package io.github.recordingrules.adapter.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accepted Basic pairs, and how API keys are read from configuration. */
class CredentialsTest {

    private static final String ACCOUNT = "AC" + "0".repeat(32);
    private static final String KEY_ONE = "SK" + "a".repeat(32);
    private static final String KEY_TWO = "SK" + "B".repeat(32);

    private static byte[] pair(String user, String password) {
        return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheAccountAndEveryKeyWithItsOwnSecretOnly() {
        Credentials credentials = new Credentials(ACCOUNT, "token", List.of(KEY_ONE + ":one", " " + KEY_TWO + ":two:with:colons "));

        assertThat(credentials.size()).isEqualTo(3);
        assertThat(credentials.accepts(pair(ACCOUNT, "token"))).isTrue();
        assertThat(credentials.accepts(pair(KEY_ONE, "one"))).isTrue();
        assertThat(credentials.accepts(pair(KEY_TWO, "two:with:colons"))).isTrue();

        assertThat(credentials.accepts(pair(KEY_ONE, "two:with:colons"))).isFalse();
        assertThat(credentials.accepts(pair(KEY_TWO, "one"))).isFalse();
        assertThat(credentials.accepts(pair(KEY_ONE, "token"))).isFalse();
        assertThat(credentials.accepts(pair(ACCOUNT, "one"))).isFalse();
        assertThat(credentials.accepts(pair(KEY_ONE, "one "))).isFalse();
        assertThat(credentials.accepts(pair(KEY_ONE, ""))).isFalse();
        assertThat(credentials.accepts(new byte[0])).isFalse();
    }

    @Test
    void withoutKeysOnlyTheAccountIsAccepted() {
        Credentials credentials = new Credentials(ACCOUNT, "token", List.of());

        assertThat(credentials.size()).isEqualTo(1);
        assertThat(credentials.accepts(pair(ACCOUNT, "token"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SKaaaa:short-sid", "no-colon-at-all", "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:not-a-key",
            "SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:", ":secret-without-sid", "SKgggggggggggggggggggggggggggggggg:not-hex", ""})
    void aMalformedKeyStopsTheStartWithoutShowingItsSecret(String entry) {
        assertThatThrownBy(() -> new Credentials(ACCOUNT, "token", List.of(KEY_ONE + ":fine", entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2")
                .satisfies(e -> {
                    int colon = entry.indexOf(':');
                    if (colon >= 0 && colon < entry.length() - 1) {
                        assertThat(e.getMessage()).doesNotContain(entry.substring(colon + 1));
                    }
                });
    }
}
