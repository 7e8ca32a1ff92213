/**
 * Trained bnn4j models shipped as class-path resources, with their metadata and checksums, and their loader:
 * {@link org.bnn4j.pretrained.PretrainedModels#load(String)} returns a runtime
 * {@link org.bnn4j.runtime.BnnModel} without DL4J on the class path.
 *
 * <pre>{@code
 * try (BnnModel model = PretrainedModels.load("xnor-resnet20-fashion-mnist")) {
 *     int label = model.classify(pixels);
 * }
 * }</pre>
 */
package org.bnn4j.pretrained;
