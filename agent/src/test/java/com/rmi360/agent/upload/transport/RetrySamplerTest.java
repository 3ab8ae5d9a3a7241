package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetrySamplerTest {

    @Test
    void watchesEverySmallFileAtFirstThenOneInEight() {
        RetrySampler s = new RetrySampler();
        int watched = 0;
        for (int i = 0; i < RetrySampler.ALL_FIRST; i++) {
            watched += s.sample(4096) ? 1 : 0;
        }
        assertThat(watched).isEqualTo(RetrySampler.ALL_FIRST);
        assertThat(s.skipped()).as("nothing skipped yet").isFalse();
        watched = 0;
        for (int i = 0; i < 800; i++) {
            watched += s.sample(4096) ? 1 : 0;
        }
        assertThat(watched).isEqualTo(800 / RetrySampler.ONE_IN);
        assertThat(s.skipped()).isTrue();
    }

    @Test
    void watchesEveryFileOfAMebibyteOrMore() {
        RetrySampler s = new RetrySampler();
        for (int i = 0; i < RetrySampler.ALL_FIRST + 100; i++) {
            s.sample(1);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(s.sample(RetrySampler.ALL_FROM_BYTES)).isTrue();
            assertThat(s.sample(8L << 20)).isTrue();
        }
    }
}
