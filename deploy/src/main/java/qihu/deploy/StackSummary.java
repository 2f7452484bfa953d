package qihu.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a running stack offers: the table printed for humans and the variables file read by ./qihu. */
final class StackSummary {

    private static final String SERVICE_ROW = "  %-12s %-26s %-42s %s%n";
    private static final String INFRA_ROW = "  %-12s %s%n";

    private StackSummary() {}

    static String table(LocalStack stack) {
        StackConfig config = stack.config();
        StringBuilder table = new StringBuilder();
        table.append(String.format(SERVICE_ROW, "SERVICE", "URL", "HEALTH", "METRICS"));
        for (Service service : config.services()) {
            table.append(String.format(
                    SERVICE_ROW,
                    service.shortName(),
                    stack.serviceUrl(service),
                    stack.healthUrl(service),
                    stack.prometheusUrl(service)));
        }
        table.append(String.format(INFRA_ROW, "kafka", stack.kafkaBootstrapServers()));
        table.append(String.format(INFRA_ROW, "mongodb", stack.mongoUri()));
        table.append(System.lineSeparator())
                .append("  Logs: ")
                .append(config.logsDir())
                .append(" (launcher.log, ")
                .append(config.services().stream()
                        .map(service -> service.moduleName() + ".log")
                        .collect(Collectors.joining(", ")))
                .append(")")
                .append(System.lineSeparator())
                .append("  Data: ")
                .append(config.dataDir())
                .append(System.lineSeparator());
        return table.toString();
    }

    /** {@code NAME='value'} lines a shell can source (values single-quoted, so paths with spaces are safe). */
    static String environmentFile(LocalStack stack, long launcherPid) {
        StackConfig config = stack.config();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("QIHU_LAUNCHER_PID", String.valueOf(launcherPid));
        values.put("QIHU_HOME", config.home().toString());
        values.put("QIHU_LOGS", config.logsDir().toString());
        values.put(LocalStack.KAFKA_BROKERS_ENV, stack.kafkaBootstrapServers());
        values.put(LocalStack.MONGO_URI_ENV, stack.mongoUri());
        values.put(LocalStack.ISSUER_ENV, stack.issuer().toString());
        values.put(
                "QIHU_SERVICES",
                config.services().stream().map(Service::moduleName).collect(Collectors.joining(" ")));
        for (Service service : config.services()) {
            values.put(
                    "QIHU_" + service.name() + "_URL", stack.serviceUrl(service).toString());
        }
        StringBuilder file =
                new StringBuilder("# Written by qihu.deploy.Launcher for ./qihu; removed when it stops.\n");
        values.forEach((name, value) ->
                file.append(name).append("=").append(shellQuote(value)).append('\n'));
        return file.toString();
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
