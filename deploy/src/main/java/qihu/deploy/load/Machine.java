package qihu.deploy.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a benchmark ran on, for its report: CPU model and count, memory, OS and Java. */
public final class Machine {

    private Machine() {}

    public static String describe() {
        return String.format(
                "%d × %s, %s RAM, %s %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                memory(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name", "unknown CPU");
    }

    private static String memory() {
        String total = procLine(Path.of("/proc/meminfo"), "MemTotal", null);
        if (total == null) {
            return "unknown";
        }
        long kb = Long.parseLong(total.replaceAll("\\D", ""));
        return String.format("%.0f GiB", kb / 1024.0 / 1024.0);
    }

    private static String procLine(Path file, String key, String fallback) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(fallback);
        } catch (IOException e) {
            return fallback;
        }
    }
}
