package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules: {@code promtool check rules} and {@code promtool test rules} over
 * deploy/prometheus/tests, when promtool is on the PATH (Debian: package prometheus). Without it the test is skipped,
 * unless {@code -Dqihu.require-promtool=true} (set by .ci/run, which installs it): then it fails. That every alert
 * has a test that makes it fire is checked either way.
 */
class AlertRulesTest {

    private static final Path TESTS = Repo.path("deploy/prometheus/tests");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        if (!KubernetesManifestsTest.onPath("promtool")) {
            assertThat(Boolean.getBoolean("qihu.require-promtool"))
                    .as("promtool is not on the PATH, but qihu.require-promtool is set: install Debian's"
                            + " 'prometheus' package")
                    .isFalse();
            assumeTrue(false, "promtool is not on the PATH; the rules' unit tests did not run");
        }
        List<String> check = new ArrayList<>(List.of("promtool", "check", "rules"));
        ruleFiles().forEach(file -> check.add(file.toString()));
        promtool(check, Repo.ROOT);

        List<String> test = new ArrayList<>(List.of("promtool", "test", "rules"));
        testFiles().forEach(file -> test.add(file.getFileName().toString()));
        promtool(test, TESTS);
    }

    @Test
    void everyAlertHasATestInWhichItFiresAndOneInWhichItDoesNot() {
        Set<String> alerts = new TreeSet<>();
        for (Path file : ruleFiles()) {
            for (Object group : Repo.list(Repo.yaml(file), "groups")) {
                for (Object rule : Repo.list(group, "rules")) {
                    alerts.add(Repo.string(rule, "alert"));
                    assertThat(Repo.string(rule, "labels", "severity"))
                            .as(rule.toString())
                            .isIn("warning", "critical");
                    assertThat(Repo.map(rule, "annotations"))
                            .as(rule.toString())
                            .containsKeys("summary", "description");
                }
            }
        }
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path file : testFiles()) {
            for (Object test : Repo.list(Repo.yaml(file), "tests")) {
                for (Object expectation : Repo.list(test, "alert_rule_test")) {
                    String alert = Repo.string(expectation, "alertname");
                    (Repo.list(expectation, "exp_alerts").isEmpty() ? quiet : firing).add(alert);
                }
            }
        }
        assertThat(firing).as("alerts a test makes fire").containsAll(alerts);
        assertThat(quiet).as("alerts a test keeps quiet").containsAll(alerts);
    }

    private static List<Path> ruleFiles() {
        return list(Observability.RULES, ".yml");
    }

    private static List<Path> testFiles() {
        return list(TESTS, ".test.yml");
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void promtool(List<String> command, Path dir) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("promtool finished")
                .isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }
}
