package org.bnn4j.spark;

/**
 * What this JVM needs before a Spark 3.5 context starts. On JDK 23 and later {@code Subject.getSubject} throws, and
 * Spark asks Hadoop's {@code UserGroupInformation} (which calls it) for the user name unless the environment variable
 * {@code SPARK_USER} names one; with it set, Spark 3.5 runs on JDK 25 (tested in local mode).
 *
 * <pre>{@code
 * SparkJvm.checkUserName();   // before new JavaSparkContext(conf)
 * }</pre>
 */
public final class SparkJvm {
    /** The first JDK whose Subject.getSubject throws UnsupportedOperationException. */
    public static final int SUBJECT_REMOVED_FEATURE = 23;

    private SparkJvm() {
    }

    /** @throws IllegalStateException with the fix, on JDK 23+ without SPARK_USER */
    public static void checkUserName() {
        int feature = Runtime.version().feature();
        String user = System.getenv("SPARK_USER");
        if (feature >= SUBJECT_REMOVED_FEATURE && (user == null || user.isBlank())) {
            throw new IllegalStateException("Spark on Java " + feature + " needs the SPARK_USER environment variable"
                    + " (e.g. export SPARK_USER=$USER): without it Hadoop's UserGroupInformation calls"
                    + " Subject.getSubject, unsupported since Java " + SUBJECT_REMOVED_FEATURE);
        }
    }
}
