package com.rmi360.agent.upload.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.rmi360.monitor.model.StatusKeys;

import org.junit.jupiter.api.Test;

/** The default --machine: a host name made into a valid machine name. */
class MachineNameTest {

    @Test
    void hostNamesBecomeValidMachineNames() {
        assertThat(MachineName.of("LAPTOP-07")).isEqualTo("laptop-07");
        assertThat(MachineName.of("ip-10-0-1-5.ec2.internal")).isEqualTo("ip-10-0-1-5.ec2.internal");
        assertThat(MachineName.of("Büro PC")).isEqualTo("b-ro-pc");
        assertThat(MachineName.of("..hidden")).isEqualTo("hidden");
        assertThat(MachineName.of("x".repeat(80))).hasSize(StatusKeys.MACHINE_MAX_LENGTH);
        assertThat(MachineName.of(null)).isEqualTo("machine");
        assertThat(MachineName.of("...")).isEqualTo("machine");
        assertThat(StatusKeys.isValidMachine(MachineName.local())).isTrue();
    }
}
