package io.github.recordingrules.domain.rules;

import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.support.OfficialEncodings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A filter value is at most as long as the identities and track names it can match (256 characters), and
 * the Rules limit is the length of the largest valid set as an official library writes it at its longest.
 */
class RulesParserLimitsTest {

    @Test
    void theLargestValidSetAsPythonWritesItIsExactlyTheRulesLimit() throws Exception {
        String json = OfficialEncodings.pythonJson(OfficialEncodings.largestRuleSet());

        assertThat(json).hasSize(Limits.RULES);
        assertThat(RulesParser.parse(json).rules()).hasSize(RecordingRules.MAX_RULES)
                .allSatisfy(rule -> assertThat(rule.publisher()).hasSize(Limits.NAME));
        assertThat(OfficialEncodings.compactJson(OfficialEncodings.largestRuleSet()).length()).isLessThan(Limits.RULES);
    }

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
