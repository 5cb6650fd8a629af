package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** claim.lua and {@link ClaimReply} must agree on the fields of a claimed job, in order. */
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
}
