package org.bnn4j.examples.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j bench}: the packed runtime and bnn4j's layers against DL4J, side by side in one run: inference,
 * model size, memory, training steps and kernel throughput. Every figure is a median after JIT warm-up and every
 * comparison a ratio from the same run; prints Markdown tables (machine and load included) and writes JSON.
 *
 * <pre>
 * ./bnn4j bench                          # everything, about 10 minutes on 2 quiet cores
 * ./bnn4j bench --quick --only mlp,size  # a first look at a few sections
 * ./bnn4j bench --quick --only load      # one model shared by 1-16 client threads: throughput, p50/p99 latency
 * ./bnn4j bench --quick --only imagenet  # Bi-Real Net-18 and QuickNet at 224x224: single-image latency vs LCE's
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks the packed runtime and bnn4j's layers against DL4J (ratios from one run).")
public class BenchCommand implements Callable<Integer> {

    /** The sections, in the order they run. */
    enum Section { SIZE, MLP, RESNET, IMAGENET, KERNELS, TRAINING, MEMORY, LOAD }

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Sections to run, comma-separated: size, mlp, resnet, imagenet, kernels, training, memory, load (default: all).")
    Set<String> only;

    @Option(names = "--quick", description = "Shorter warm-up, fewer samples and training steps, a coarser heap search: a first look in a few minutes.")
    boolean quick;

    @Option(names = "--threads", description = "Runtime threads (default: available processors).")
    Integer threads;

    @Option(names = "--profile", paramLabel = "MODEL", description = "Instead of the sections: one model's time per op "
            + "(ms, share, G MAC/s) for one example; MODEL is a .bnn file, a shipped model or one of " + ProfileCommand.ARCHITECTURES + ".")
    String profile;

    @Option(names = "--json", defaultValue = "bench-results.json", description = "Where to write the results (default: ${DEFAULT-VALUE}).")
    Path json;

    @Override
    public Integer call() throws Exception {
        Set<Section> sections = sections();
        int runtimeThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (runtimeThreads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + runtimeThreads);
        }
        if (profile != null) {
            ProfileCommand.run(profile, runtimeThreads, quick);
            return 0;
        }
        BenchContext ctx = new BenchContext(quick ? Budget.QUICK : Budget.FULL, runtimeThreads, quick,
                new BenchModels(), new Targets());
        Map<String, Object> machine = MachineInfo.describe();
        String loadStart = MachineInfo.loadAverage();
        long start = System.nanoTime();
        System.out.println("bnn4j bench " + (quick ? "--quick " : "") + "sections " + sections + ", load average at start " + loadStart);

        List<Table> tables = new ArrayList<>();
        for (Section s : sections) {
            System.out.println("[" + s.name().toLowerCase() + "]");
            switch (s) {
                case SIZE -> tables.add(SizeBench.run(ctx));
                case MLP -> tables.add(InferenceBench.run(ctx, true, false));
                case RESNET -> tables.add(InferenceBench.run(ctx, false, true));
                case IMAGENET -> tables.add(ImageNetBench.run(ctx));
                case KERNELS -> tables.add(KernelBench.run(ctx));
                case TRAINING -> tables.addAll(TrainingBench.run(ctx));
                case MEMORY -> {
                    tables.add(MemoryBench.run(ctx));
                    tables.add(TrainingMemoryBench.run(ctx));
                }
                case LOAD -> tables.add(LoadBench.run(ctx));
                default -> throw new IllegalStateException(s.toString());
            }
        }
        String loadEnd = MachineInfo.loadAverage();
        double minutes = (System.nanoTime() - start) / 6e10;
        machine.put("loadAverageStart", loadStart);
        machine.put("loadAverageEnd", loadEnd);
        machine.put("benchMinutes", minutes);

        StringBuilder md = new StringBuilder("## bnn4j bench, ").append(Instant.now()).append("\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v instanceof Double d
                ? String.format("%.1f", d) : v).append('\n'));
        md.append("- command: ./bnn4j bench").append(quick ? " --quick" : "").append(only == null ? ""
                : " --only " + String.join(",", only)).append(threads == null ? "" : " --threads " + threads).append("\n\n");
        tables.forEach(t -> md.append(t.markdown()).append('\n'));
        md.append(ctx.targets().table().markdown());
        System.out.println();
        System.out.println(md);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", machine);
        out.put("quick", quick);
        Map<String, Object> results = new LinkedHashMap<>();
        for (Table t : tables) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("rows", t.records());
            section.put("notes", t.notes());
            results.put(t.title(), section);
        }
        out.put("results", results);
        out.put("targets", ctx.targets().records());
        Files.writeString(json, Json.write(out));
        System.out.println("Results written to " + json.toAbsolutePath());
        return 0;
    }

    private Set<Section> sections() {
        if (only == null || only.isEmpty()) {
            return EnumSet.allOf(Section.class);
        }
        Set<Section> chosen = EnumSet.noneOf(Section.class);
        for (String name : only) {
            try {
                chosen.add(Section.valueOf(name.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown section '" + name + "' for --only; use size, mlp, resnet, "
                        + "imagenet, kernels, training, memory or load");
            }
        }
        return chosen;
    }
}
