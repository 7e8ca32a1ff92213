/**
 * A dependency-free inference engine for bnn4j's packed model format: binary weights as bits, XNOR and
 * popcount arithmetic, BatchNorm and sign folded into integer thresholds. Needs nothing but a JVM.
 */
package org.bnn4j.runtime;
