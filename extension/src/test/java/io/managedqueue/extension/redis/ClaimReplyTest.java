package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** claim.lua and {@link ClaimReply} must agree on the fields of a claimed job, in order, and on the settle outcomes' codes. */
class ClaimReplyTest {

    @Test
    void theScriptReturnsTheFieldsTheReplyReads() {
        Matcher list = Pattern.compile("local CLAIMED_FIELDS = \\{([^}]*)}").matcher(LuaScript.CLAIM.text());
        assertThat(list.find()).as("claim.lua declares CLAIMED_FIELDS").isTrue();
        List<String> scriptFields = Arrays.stream(list.group(1).split(","))
                .map(f -> f.strip().replace("'", "")).toList();
        assertThat(scriptFields).containsExactlyElementsOf(
                Arrays.stream(ClaimReply.Field.values()).map(f -> f.hashField).toList());
    }

    @Test
    void theScriptsSettleOutcomeCodesAreTheKindsCodes() {
        Matcher table = Pattern.compile("local SETTLED = \\{([^}]*)}").matcher(LuaScript.CLAIM.text());
        assertThat(table.find()).as("claim-settle.lua declares SETTLED").isTrue();
        Map<String, Integer> scriptCodes = new TreeMap<>();
        for (String entry : table.group(1).split(",")) {
            String[] nameAndCode = entry.split("=");
            scriptCodes.put(nameAndCode[0].strip(), Integer.parseInt(nameAndCode[1].strip()));
        }
        Map<String, Integer> javaCodes = new TreeMap<>();
        for (SettleOutcome.Kind kind : SettleOutcome.Kind.values()) {
            javaCodes.put(kind.name(), kind.code);
            assertThat(SettleOutcome.Kind.ofCode(kind.code)).isEqualTo(kind);
        }
        assertThat(scriptCodes).isEqualTo(javaCodes);
    }
}
