package org.bnn4j.nn.testutil;

import org.junit.jupiter.api.Assumptions;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.deallocation.DeallocatableReference;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every ND4J buffer allocated outside a workspace (those ND4J hands to its deallocator, to be freed only
 * after a garbage collection), with its size and the stack that made it, while the probe is open.
 *
 * <p>It replaces ND4J's private registry of such buffers by a recording one (and puts the original back on
 * close), so it depends on ND4J 1.0.0-M2.1's internals: where that registry is missing the test is skipped.
 *
 * <pre>{@code
 * try (DetachedAllocations probe = DetachedAllocations.start()) {
 *     net.outputSingle(x);
 *     assertEquals(0, probe.countAtLeast(x.length() * 4, "MyLayer.activate"));
 * }
 * }</pre>
 */
public final class DetachedAllocations implements AutoCloseable {
    private record Allocation(long bytes, String stack) {
    }

    private final Field registry;
    private final Map<String, DeallocatableReference> original;
    private final List<Allocation> seen = new ArrayList<>();

    private DetachedAllocations(Field registry, Map<String, DeallocatableReference> original) {
        this.registry = registry;
        this.original = original;
    }

    @SuppressWarnings("unchecked")
    public static DetachedAllocations start() {
        DeallocatorService service = Nd4j.getDeallocatorService();
        Field f;
        Map<String, DeallocatableReference> original;
        try {
            f = DeallocatorService.class.getDeclaredField("referenceMap");
            f.setAccessible(true);
            original = (Map<String, DeallocatableReference>) f.get(service);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Assumptions.abort("ND4J's deallocator registry is not where 1.0.0-M2.1 keeps it: " + e);
            throw new AssertionError(e);
        }
        DetachedAllocations probe = new DetachedAllocations(f, original);
        Map<String, DeallocatableReference> recording = new ConcurrentHashMap<>(original) {
            @Override
            public DeallocatableReference put(String key, DeallocatableReference value) {
                probe.record(value.get());
                return super.put(key, value);
            }
        };
        probe.install(recording);
        return probe;
    }

    private void install(Map<String, DeallocatableReference> map) {
        try {
            registry.set(Nd4j.getDeallocatorService(), map);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private synchronized void record(Deallocatable d) {
        if (d instanceof DataBuffer b && !b.isAttached() && b.originalDataBuffer() == null) { // views own no memory
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement e : new Throwable().getStackTrace()) {
                stack.append(e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1)).append('.')
                        .append(e.getMethodName()).append(':').append(e.getLineNumber()).append('\n');
            }
            seen.add(new Allocation(b.length() * b.getElementSize(), stack.toString()));
        }
    }

    /** Buffers of at least {@code bytes} whose allocating stack passes through {@code frame} (Class.method). */
    public synchronized long countAtLeast(long bytes, String frame) {
        return seen.stream().filter(a -> a.bytes >= bytes && a.stack.contains(frame + ":")).count();
    }

    public synchronized void clear() {
        seen.clear();
    }

    /** The large allocations seen, for a failure message. */
    public synchronized String describe() {
        StringBuilder s = new StringBuilder();
        seen.stream().filter(a -> a.bytes >= 4096).limit(8)
                .forEach(a -> s.append(a.bytes).append(" bytes from\n").append(a.stack.lines().skip(5).limit(8)
                        .reduce("", (x, y) -> x + "  " + y + "\n")));
        return s.toString();
    }

    @Override
    public void close() {
        // Keep every buffer registered meanwhile: the service frees them through this map.
        Map<String, DeallocatableReference> current;
        try {
            @SuppressWarnings("unchecked")
            Map<String, DeallocatableReference> m = (Map<String, DeallocatableReference>) registry.get(
                    Nd4j.getDeallocatorService());
            current = m;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        original.putAll(current);
        install(original);
    }
}
