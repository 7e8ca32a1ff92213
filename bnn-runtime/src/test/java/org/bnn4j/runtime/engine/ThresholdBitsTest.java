package org.bnn4j.runtime.engine;

import org.junit.jupiter.api.Test;

/** The threshold comparison of bit outputs, plain and as this JVM chose it, against the written-out rule. */
class ThresholdBitsTest {

    @Test
    void plainComparisonFollowsTheRule() {
        ThresholdBitsCheck.everyRange(ScalarThresholdBits.INSTANCE, 1);
        ThresholdBitsCheck.everyFloatRange(ScalarThresholdBits.INSTANCE, 3);
    }

    @Test
    void chosenComparisonFollowsTheRule() {
        ThresholdBitsCheck.everyRange(BitGemm.choice().thresholdBits(), 2);
        ThresholdBitsCheck.everyFloatRange(BitGemm.choice().thresholdBits(), 4);
    }
}
