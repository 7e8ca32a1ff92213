package org.bnn4j.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder and JSON of the training master (no Spark context needed). */
class BnnParameterAveragingTrainingMasterTest {

    @Test
    void builderKeepsItsTypeThroughTheChainAndSavesTheUpdater() {
        BnnParameterAveragingTrainingMaster tm = new BnnParameterAveragingTrainingMaster.Builder(4, 32)
                .batchSizePerWorker(16).averagingFrequency(7).aggregationDepth(3).rngSeed(1).build();
        assertSame(BnnParameterAveragingTrainingMaster.class, tm.getClass());
        assertTrue(tm.isSaveUpdater(), "Bop's moving averages must travel between rounds");
        assertEquals(4, tm.getNumWorkers());
        assertEquals(7, tm.getAveragingFrequency());
        assertFalse(new BnnParameterAveragingTrainingMaster.Builder(32).saveUpdater(false).build().isSaveUpdater());
    }

    @Test
    void jsonRoundTripStaysABnnMaster() {
        BnnParameterAveragingTrainingMaster tm = new BnnParameterAveragingTrainingMaster.Builder(2, 10)
                .batchSizePerWorker(10).averagingFrequency(3).build();
        BnnParameterAveragingTrainingMaster read = BnnParameterAveragingTrainingMaster.fromJson(tm.toJson());
        assertSame(BnnParameterAveragingTrainingMaster.class, read.getClass());
        assertEquals(3, read.getAveragingFrequency());
        assertEquals(2, read.getNumWorkers());
        assertTrue(read.isSaveUpdater());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BnnParameterAveragingTrainingMaster.fromJson("{not json"));
        assertTrue(e.getMessage().startsWith("Not a BnnParameterAveragingTrainingMaster's JSON"), e.getMessage());
    }
}
