package org.bnn4j.zoo.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The data directory comes from the explicit argument, else BNN4J_DATA, else ~/.bnn4j/data. */
class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/someone");
    private static final UnaryOperator<String> NO_ENV = name -> null;

    private static UnaryOperator<String> env(String value) {
        return Map.of(DataDirectory.ENV_VAR, value)::get;
    }

    @Test
    void explicitDirectoryWinsOverEnvironment() {
        assertEquals(Path.of("/explicit"), DataDirectory.resolve(Path.of("/explicit"), env("/from-env"), HOME));
    }

    @Test
    void environmentVariableWinsOverHome() {
        assertEquals(Path.of("/from-env"), DataDirectory.resolve(null, env("/from-env"), HOME));
    }

    @Test
    void homeIsTheLastResort() {
        assertEquals(HOME.resolve(".bnn4j/data"), DataDirectory.resolve(null, NO_ENV, HOME));
    }

    @Test
    void blankEnvironmentVariableCountsAsUnset() {
        assertEquals(HOME.resolve(".bnn4j/data"), DataDirectory.resolve(null, env("  "), HOME));
    }

    @Test
    void eachDataSetHasItsSubdirectory() {
        Path root = Path.of("/data");
        assertEquals(root.resolve("mnist"), ImageDataset.MNIST.directory(root));
        assertEquals(root.resolve("fashion-mnist"), ImageDataset.FASHION_MNIST.directory(root));
        assertEquals(root.resolve("cifar10"), ImageDataset.CIFAR10.directory(root));
    }
}
