package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names Terraform, the IAM policies and the agent's rules agree on. */
class MonitorNamesTest {

    @Test
    void functionAndRuleNames() {
        assertThat(MonitorNames.PROGRESS_MONITOR_FUNCTION).isEqualTo("ProgressMonitor");
        assertThat(MonitorNames.DISABLE_RULE_FUNCTION).isEqualTo("DisableUploadMonitorRule");
        assertThat(MonitorNames.RULE_PREFIX).isEqualTo("UploadMonitorRule");
        assertThat(MonitorNames.TARGET_ID).isEqualTo("ProgressMonitor");
        assertThat(MonitorNames.ruleName("ABC25101")).isEqualTo("UploadMonitorRule-ABC25101");
        assertThatThrownBy(() -> MonitorNames.ruleName("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOtherNameDelegatesHere() {
        assertThat(StatusKeys.RULE_PREFIX).isSameAs(MonitorNames.RULE_PREFIX);
        assertThat(StatusKeys.ruleName("P1")).isEqualTo(MonitorNames.ruleName("P1"));
        assertThat(MonitorSettings.DEFAULT_RULE_NAME).isSameAs(MonitorNames.RULE_PREFIX);
        assertThat(MonitorSettings.DEFAULT_DISABLE_FUNCTION).isSameAs(MonitorNames.DISABLE_RULE_FUNCTION);
    }

    @Test
    void functionArns() {
        assertThat(MonitorNames.progressMonitorArn("aws", "us-east-2", "123456789012"))
                .isEqualTo("arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor");
        assertThat(MonitorNames.functionArn("aws-us-gov", "us-gov-west-1", "1", MonitorNames.DISABLE_RULE_FUNCTION))
                .isEqualTo("arn:aws-us-gov:lambda:us-gov-west-1:1:function:DisableUploadMonitorRule");
    }
}
