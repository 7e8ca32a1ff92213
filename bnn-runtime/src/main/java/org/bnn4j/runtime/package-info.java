/**
 * A dependency-free inference engine for bnn4j's packed model format (docs/FORMAT.md): binary weights as bits,
 * XNOR and popcount arithmetic, BatchNorm and sign folded into integer thresholds. Needs nothing but a JVM.
 *
 * <p>{@link org.bnn4j.runtime.BnnModel} loads and runs a model; {@link org.bnn4j.runtime.Trace} shows every op's
 * output. {@code org.bnn4j.runtime.format} is the format's object model with its reader, writer and validator
 * (exporters build on it); {@code org.bnn4j.runtime.engine} holds the kernels.
 *
 * <pre>{@code
 * BnnModel model = BnnModel.load(Path.of("model.bnn"));
 * int label = model.classify(pixels);
 * }</pre>
 */
package org.bnn4j.runtime;
