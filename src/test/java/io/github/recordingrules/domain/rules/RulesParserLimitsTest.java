package io.github.recordingrules.domain.rules;

import io.github.recordingrules.domain.Limits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A filter value is at most as long as the identities and track names it can match (256 characters). */
class RulesParserLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"publisher", "track"})
    void aFilterOf256CharactersIsAcceptedAndOf257IsInvalid(String filter) throws Exception {
        String longest = "é".repeat(Limits.NAME);

        RecordingRules rules = RulesParser.parse("[{\"type\":\"include\",\"" + filter + "\":\"" + longest + "\"}]");
        assertThat(rules.toWire().get(0)).containsEntry(filter, longest);

        assertThatThrownBy(() -> RulesParser.parse("[{\"type\":\"include\",\"" + filter + "\":\"" + longest + "x\"}]"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("at most 256");
    }
}
