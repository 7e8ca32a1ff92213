package org.bnn4j.examples.cli;

import picocli.CommandLine;

/**
 * Converters for whole-number options with a lower bound, so that a value out of range is rejected while the
 * command line is parsed, before any data is read or any model trained.
 *
 * <pre>{@code
 * @Option(names = "--epochs", converter = MinimumInt.Positive.class) int epochs;
 * }</pre>
 */
public abstract class MinimumInt implements CommandLine.ITypeConverter<Integer> {
    private final int minimum;

    private MinimumInt(int minimum) {
        this.minimum = minimum;
    }

    @Override
    public Integer convert(String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
        }
        if (parsed < minimum) {
            throw new CommandLine.TypeConversionException("must be at least " + minimum + ", got " + parsed);
        }
        return parsed;
    }

    /** 1 or more: epochs, batch sizes, thread counts. */
    public static final class Positive extends MinimumInt {
        public Positive() {
            super(1);
        }
    }

    /** 0 or more: limits where 0 means "no limit". */
    public static final class NonNegative extends MinimumInt {
        public NonNegative() {
            super(0);
        }
    }
}
