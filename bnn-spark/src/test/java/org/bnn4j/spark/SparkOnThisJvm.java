package org.bnn4j.spark;

/** Placeholder until the JDK probe says otherwise: Spark runs on every JDK the build uses. */
final class SparkOnThisJvm {
    private SparkOnThisJvm() {
    }

    static void assumeSupported() {
    }
}
