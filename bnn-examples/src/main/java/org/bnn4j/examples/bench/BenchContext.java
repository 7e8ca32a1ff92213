package org.bnn4j.examples.bench;

/**
 * What every section of a benchmark run shares: the measuring budget, the runtime's thread count, whether the run
 * is quick, the models (built once) and the targets found so far.
 */
record BenchContext(Budget budget, int threads, boolean quick, BenchModels models, Targets targets) {
}
