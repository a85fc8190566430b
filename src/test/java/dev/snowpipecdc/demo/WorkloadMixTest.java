package dev.snowpipecdc.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadMixTest {

    @Test
    void the_default_mix_keeps_the_demo_s_thresholds() {
        WorkloadMix mix = WorkloadMix.DEFAULT;
        assertThat(mix.insertCustomerBelow()).isEqualTo(20);
        assertThat(mix.insertOrderBelow()).isEqualTo(55);
        assertThat(mix.updateOrderBelow()).isEqualTo(75);
        assertThat(mix.updateCustomerBelow()).isEqualTo(85);
        assertThat(mix.deleteOrderBelow()).isEqualTo(95);
        assertThat(WorkloadMix.parse("55:30:15", 3)).isEqualTo(mix);
    }

    @Test
    void an_insert_only_mix_never_reaches_an_update_or_delete() {
        WorkloadMix mix = WorkloadMix.parse("100:0:0", 1);
        assertThat(mix.insertOrderBelow()).isEqualTo(100);
        assertThat(mix.deleteOrderBelow()).isEqualTo(100);
    }

    @Test
    void shares_must_add_up_and_include_inserts() {
        assertThatThrownBy(() -> WorkloadMix.parse("50:30:10", 3)).hasMessageContaining("add up to 100");
        assertThatThrownBy(() -> WorkloadMix.parse("0:50:50", 3)).hasMessageContaining("needs some inserts");
        assertThatThrownBy(() -> WorkloadMix.parse("55:45", 3)).hasMessageContaining("insert:update:delete");
        assertThatThrownBy(() -> WorkloadMix.parse("a:b:c", 3)).hasMessageContaining("whole per cent");
        assertThatThrownBy(() -> WorkloadMix.parse("55:30:15", 0)).hasMessageContaining("at least one statement");
    }
}
