package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class StatusKeysTest {

    @Test
    void namesEveryStatusObjectOfAProject() {
        assertThat(StatusKeys.progress("ABC25101")).isEqualTo("status/progress_ABC25101.json");
        assertThat(StatusKeys.heartbeat("ABC25101")).isEqualTo("status/heartbeat_ABC25101.json");
        assertThat(StatusKeys.page("ABC25101")).isEqualTo("status/ABC25101.html");
        assertThat(StatusKeys.INDEX_PAGE).isEqualTo("status/status.html");
        assertThat(StatusKeys.corruptCopy("ABC25101", Instant.parse("2026-11-28T12:34:56.789Z")))
                .isEqualTo("status/progress_ABC25101.corrupt-20261128T123456Z.json");
        assertThat(StatusKeys.ruleName("ABC25101")).isEqualTo("UploadMonitorRule-ABC25101");
    }

    @Test
    void acceptsSlugsThatKeepTheRuleNameWithin64Characters() {
        String longest = "a".repeat(46);
        assertThat(StatusKeys.isValidSlug(longest)).isTrue();
        assertThat(StatusKeys.ruleName(longest)).hasSize(64);
        assertThat(StatusKeys.isValidSlug("A-b_9")).isTrue();
    }

    @Test
    void rejectsOtherSlugsWithAMessageThatSaysWhy() {
        assertThat(StatusKeys.isValidSlug("a".repeat(47))).isFalse();
        assertThat(StatusKeys.isValidSlug("")).isFalse();
        assertThat(StatusKeys.isValidSlug(null)).isFalse();
        assertThat(StatusKeys.isValidSlug("a/b")).isFalse();
        assertThat(StatusKeys.isValidSlug("a.b")).isFalse();
        assertThat(StatusKeys.isValidSlug("<script>")).isFalse();
        assertThatThrownBy(() -> StatusKeys.progress("../x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../x'").hasMessageContaining("1 to 46").hasMessageContaining("64");
    }

    @Test
    void findsProjectsByProgressKeyButNotCorruptCopies() {
        assertThat(StatusKeys.slugOfProgressKey("status/progress_ABC.json")).contains("ABC");
        assertThat(StatusKeys.slugOfProgressKey("status/progress_ABC.corrupt-20261128T123456Z.json")).isEmpty();
        assertThat(StatusKeys.slugOfProgressKey("status/heartbeat_ABC.json")).isEmpty();
        assertThat(StatusKeys.slugOfProgressKey("x/status/progress_ABC.json")).isEmpty();
    }

    @Test
    void statusKeysAreOnlyThoseAtTheBucketRoot() {
        assertThat(StatusKeys.isStatusKey("status/a.jpg")).isTrue();
        assertThat(StatusKeys.isStatusKey("p/status/a.jpg")).isFalse();
    }
}
