package org.bnn4j.runtime.engine;

import org.junit.jupiter.api.Test;

/**
 * {@link BitGemm}'s tiled, cache-blocked product against its plain reference loop, on every edge of the tiling: the
 * plain Java kernel always, and the public entry point with whichever kernel this JVM chose (the vector one in
 * JDK 21+ builds, see {@code VectorBitGemmTest}).
 */
class BitGemmTest {

    @Test
    void plainKernelEqualsThePlainLoopForAllShapes() {
        BitGemmCheck.everyTilingEdge(BitGemmCheck.on(ScalarBitGemm.INSTANCE), 1);
    }

    @Test
    void plainKernelCoversEveryWeightRowOnceAcrossCacheBlocks() {
        BitGemmCheck.everyCacheBlockEdge(BitGemmCheck.on(ScalarBitGemm.INSTANCE), 2);
    }

    @Test
    void chosenKernelEqualsThePlainLoopForAllShapes() {
        BitGemmCheck.everyTilingEdge(BitGemm::differingBits, 3);
        BitGemmCheck.everyCacheBlockEdge(BitGemm::differingBits, 4);
    }

    /** The op kernels' entry point: weights prepared for the chosen kernel (interleaved where it asks). */
    @Test
    void chosenKernelOnPreparedWeightsEqualsThePlainLoop() {
        BitGemmCheck.everyTilingEdge(BitGemmCheck.prepared(BitGemm.choice().kernel()), 5);
        BitGemmCheck.everyTilingEdge(BitGemmCheck.prepared(ScalarBitGemm.INSTANCE), 6);
    }
}
