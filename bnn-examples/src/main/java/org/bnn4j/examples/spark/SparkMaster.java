package org.bnn4j.examples.spark;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --spark} value: a Spark master URL, checked before any work, or {@code submit} for the master that
 * {@code spark-submit --master} set. For local masters it also knows the number of worker threads.
 *
 * <pre>{@code
 * SparkMaster m = SparkMaster.parse("local[2]");  // m.url() "local[2]", m.localThreads() 2
 * SparkMaster.parse("spark://head:7077");         // a standalone cluster: workers from the cluster
 * SparkMaster.parse("loca[2]");                   // IllegalArgumentException naming the accepted forms
 * }</pre>
 */
public final class SparkMaster {
    /** The {@code --spark} value that takes the master from spark-submit (its {@code spark.master} property). */
    public static final String FROM_SUBMIT = "submit";

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}");
    private static final String FORMS = "local, local[N], local[*], local[N,RETRIES], spark://HOST:PORT[,HOST:PORT...],"
            + " yarn, k8s://[https://]HOST:PORT, mesos://HOST:PORT, or " + FROM_SUBMIT + " (the master spark-submit was given)";

    private final String url;
    private final int localThreads;

    private SparkMaster(String url, int localThreads) {
        this.url = url;
        this.localThreads = localThreads;
    }

    /** @throws IllegalArgumentException one line naming the accepted forms */
    public static SparkMaster parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equals(FROM_SUBMIT)) {
            String submitted = System.getProperty("spark.master");
            if (submitted == null || submitted.isBlank()) {
                throw new IllegalArgumentException("--spark " + FROM_SUBMIT + " takes the master from spark-submit, but"
                        + " this JVM was not started by spark-submit (no spark.master); give a master URL: " + FORMS);
            }
            return parse(submitted);
        }
        Matcher local = LOCAL.matcher(v);
        if (local.matches()) {
            String n = local.group(1);
            int threads = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : parseThreads(n, v);
            return new SparkMaster(v, threads);
        }
        if (v.equals("yarn") || clusterUrl(v)) {
            return new SparkMaster(v, 0);
        }
        throw new IllegalArgumentException("--spark: '" + value + "' is not a Spark master URL; use " + FORMS);
    }

    private static int parseThreads(String n, String v) {
        int threads;
        try {
            threads = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--spark " + v + ": the number of local threads must be at least 1");
        }
        return threads;
    }

    private static boolean clusterUrl(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("spark://")) {
            String[] hosts = v.substring("spark://".length()).split(",", -1);
            for (String h : hosts) {
                if (!HOST_PORT.matcher(h).matches()) {
                    return false;
                }
            }
            return true;
        }
        if (lower.startsWith("mesos://")) {
            return HOST_PORT.matcher(v.substring("mesos://".length())).matches();
        }
        if (lower.startsWith("k8s://")) {
            String rest = v.substring("k8s://".length()).replaceFirst("^https?://", "");
            return HOST_PORT.matcher(rest).matches();
        }
        return false;
    }

    public String url() {
        return url;
    }

    /** Worker threads of a local master; 0 for a cluster (its executors decide). */
    public int localThreads() {
        return localThreads;
    }

    public boolean isLocal() {
        return localThreads > 0;
    }

    @Override
    public String toString() {
        return url;
    }
}
