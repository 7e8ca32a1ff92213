/**
 * The runtime's kernels and planner: XNOR/popcount for binary ops, two bit-planes for ternary ops, float kernels
 * for full-precision layers, thresholds and affine output stages, pooling, add and reshape. Values stay packed as
 * bits between binary ops; conversions are planned once per value. Internal to {@link org.bnn4j.runtime.BnnModel}
 * except {@link org.bnn4j.runtime.engine.ExecutionPlan}.
 *
 * <pre>{@code
 * ExecutionPlan plan = ExecutionPlan.of(spec);
 * float[] out = plan.run(input);
 * }</pre>
 */
package org.bnn4j.runtime.engine;
