package org.bnn4j.runtime;

/**
 * What a model may demand of the machine, checked when it is loaded, before any input runs: the bytes one example's
 * values (the activations still needed, plus one task's scratch) take at once, and the work of one op for one
 * example (multiply-accumulates of a dense or convolution op, window taps of a pooling op). A model over a limit is
 * rejected with {@link BnnFormatException}, so a small crafted file cannot make the runtime allocate gigabytes per
 * prediction or compute for hours. A batch of {@code n} examples holds about {@code n} times the per-example bytes.
 *
 * <p>Defaults (generous: the largest ImageNet layers need well under 1% of them): {@value #DEFAULT_MAX_BYTES_PER_EXAMPLE}
 * bytes (1 GiB) per example and {@value #DEFAULT_MAX_WORK_PER_OP} (2^34) per op, overridden by the system properties
 * {@value #MAX_BYTES_PROPERTY} and {@value #MAX_WORK_PROPERTY}, or per model by {@link BnnModel#load(byte[], LoadLimits)}
 * and its siblings.
 *
 * <pre>{@code
 * // java -Dbnn4j.maxBytesPerExample=268435456 ...   (256 MiB for every model), or for one model:
 * BnnModel model = BnnModel.load(Path.of("big.bnn"), LoadLimits.defaults().withMaxBytesPerExample(4L << 30));
 * }</pre>
 *
 * @param maxBytesPerExample largest memory one example's values may take at once, in bytes
 * @param maxWorkPerOp       largest work of one op for one example
 */
public record LoadLimits(long maxBytesPerExample, long maxWorkPerOp) {
    public static final long DEFAULT_MAX_BYTES_PER_EXAMPLE = 1L << 30;
    public static final long DEFAULT_MAX_WORK_PER_OP = 1L << 34;
    public static final String MAX_BYTES_PROPERTY = "bnn4j.maxBytesPerExample";
    public static final String MAX_WORK_PROPERTY = "bnn4j.maxWorkPerOp";

    public LoadLimits {
        if (maxBytesPerExample < 1 || maxWorkPerOp < 1) {
            throw new IllegalArgumentException("limits must be positive, got " + maxBytesPerExample + " bytes and "
                    + maxWorkPerOp + " work");
        }
    }

    /**
     * The defaults, or the system properties where set.
     *
     * @throws IllegalArgumentException if a property is set but not a positive number
     */
    public static LoadLimits defaults() {
        return new LoadLimits(property(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES_PER_EXAMPLE),
                property(MAX_WORK_PROPERTY, DEFAULT_MAX_WORK_PER_OP));
    }

    public LoadLimits withMaxBytesPerExample(long bytes) {
        return new LoadLimits(bytes, maxWorkPerOp);
    }

    public LoadLimits withMaxWorkPerOp(long work) {
        return new LoadLimits(maxBytesPerExample, work);
    }

    private static long property(String name, long fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the name of the property
        }
        throw new IllegalArgumentException("-D" + name + "=" + value + " is not a positive number");
    }
}
