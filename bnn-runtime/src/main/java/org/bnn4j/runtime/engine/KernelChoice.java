package org.bnn4j.runtime.engine;

import java.lang.reflect.InvocationTargetException;

/**
 * Which {@link BitGemmKernel} a JVM runs, and why: the Vector API kernel where it can run well, else the plain one.
 * {@link BitGemm} asks once, when it is initialized.
 *
 * <p>The vector kernel is optional at every level, so nothing about it is referenced directly: its class exists
 * only in jars built on JDK 21+ (in {@code META-INF/versions/21}, which Java 17 never reads), it needs the incubator
 * module {@code jdk.incubator.vector} (resolved only with {@code --add-modules jdk.incubator.vector}), and it refuses
 * (from its constructor) vectors narrower than 256 bits, where it would not beat the scalar {@code popcnt}. Each
 * missing piece leaves the plain kernel in place, silently; {@link #implementation()} says which one and why.
 *
 * @param kernel         the kernel to run
 * @param implementation {@code kernel.name()}, for the plain kernel followed by why the vector one is not used
 */
record KernelChoice(BitGemmKernel kernel, String implementation) {
    /** {@code -Dbnn4j.vector=false} keeps the plain kernel even where the vector one could run. */
    static final String SWITCH_PROPERTY = "bnn4j.vector";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String VECTOR_KERNEL_CLASS = "org.bnn4j.runtime.engine.VectorBitGemm";
    static final String VECTOR_FLOAT_CLASS = "org.bnn4j.runtime.engine.VectorFloatDots";
    static final String VECTOR_THRESHOLD_CLASS = "org.bnn4j.runtime.engine.VectorThresholdBits";

    /** The vector kernel if {@link #vectorIfAvailable()} finds it and {@code -Dbnn4j.vector=false} is not set. */
    static KernelChoice forThisJvm() {
        if ("false".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY))) {
            return plain("vector kernel switched off by -D" + SWITCH_PROPERTY + "=false");
        }
        return vectorIfAvailable();
    }

    /** The vector kernel if this build and JVM can run it, ignoring the switch (benchmarks compare both). */
    static KernelChoice vectorIfAvailable() {
        if (Runtime.version().feature() < 21) {
            return plain("the vector kernel needs Java 21+");
        }
        // Checked before loading: without the module, loading the class would fail on its first LongVector reference.
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return plain(VECTOR_MODULE + " not resolved; run with --add-modules " + VECTOR_MODULE);
        }
        try {
            BitGemmKernel vector = (BitGemmKernel) Class.forName(VECTOR_KERNEL_CLASS)
                    .getDeclaredConstructor().newInstance();
            return new KernelChoice(vector, vector.name());
        } catch (ClassNotFoundException e) {
            return plain("this bnn-runtime was built without the vector kernel: build it on JDK 21+");
        } catch (InvocationTargetException e) {
            return plain(String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException | LinkageError e) {
            return plain("vector kernel failed to load: " + e);
        }
    }

    /**
     * The float kernel's inner loop that goes with this choice: the Vector API one exactly where the vector bit kernel
     * was chosen (same module, same switch), else the plain one. Both give the same bits.
     */
    FloatDots floatDots() {
        return companion(VECTOR_FLOAT_CLASS, FloatDots.class, ScalarFloatDots.INSTANCE);
    }

    /** The threshold comparison that goes with this choice, likewise. */
    ThresholdBits thresholdBits() {
        return companion(VECTOR_THRESHOLD_CLASS, ThresholdBits.class, ScalarThresholdBits.INSTANCE);
    }

    /** The Vector API class {@code name} where the vector bit kernel runs (and loads), else {@code plain}. */
    private <T> T companion(String name, Class<T> type, T plain) {
        if (!isVector()) {
            return plain;
        }
        try {
            return type.cast(Class.forName(name).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return plain;
        }
    }

    static KernelChoice plain(String whyNotVector) {
        return new KernelChoice(ScalarBitGemm.INSTANCE, ScalarBitGemm.INSTANCE.name() + " (" + whyNotVector + ")");
    }

    boolean isVector() {
        return kernel != ScalarBitGemm.INSTANCE;
    }
}
