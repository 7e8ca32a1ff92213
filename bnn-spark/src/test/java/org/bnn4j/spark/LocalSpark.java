package org.bnn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A Spark context in local mode for tests: two worker threads, no UI, bound to localhost. */
final class LocalSpark {
    private LocalSpark() {
    }

    static JavaSparkContext start(String appName) {
        SparkJvm.checkUserName(); // set by Surefire (see the pom)
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName(appName)
                .set("spark.driver.host", "localhost")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        return new JavaSparkContext(conf);
    }
}
