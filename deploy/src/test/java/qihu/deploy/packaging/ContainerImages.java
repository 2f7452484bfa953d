package qihu.deploy.packaging;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The images of the {@code containers} profile, chosen by system properties, and whether an image can be had at all
 * (in the local engine, or pulled) on this machine.
 *
 * <ul>
 *   <li>{@code qihu.containers.kafka-image}: default {@value #OFFICIAL_KAFKA}; any other image must behave like it
 *       (its {@code /etc/kafka/docker/run} configured by {@code KAFKA_*} variables), e.g. the locally built stand-in
 *       {@code qihu/kafka-standin:4.1.2} (deploy/docker/kafka-standin).
 *   <li>{@code qihu.containers.mongo-image}: default {@value #DEFAULT_MONGO}.
 *   <li>{@code qihu.containers.require-mongo}: {@code true} turns "no mongo image here" from a skip into a failure.
 *   <li>{@code qihu.containers.pull-timeout}: seconds to wait for a pull of a missing image (default 60).
 * </ul>
 */
final class ContainerImages {

    static final String OFFICIAL_KAFKA = "apache/kafka:4.1.2";
    static final String DEFAULT_MONGO = "mongo:8.0";
    static final String REQUIRE_MONGO = "qihu.containers.require-mongo";

    private ContainerImages() {}

    /** The Kafka image: the official one, or a stand-in declared compatible with it. */
    static DockerImageName kafka() {
        DockerImageName image =
                DockerImageName.parse(System.getProperty("qihu.containers.kafka-image", OFFICIAL_KAFKA));
        return image.getUnversionedPart().equals("apache/kafka")
                ? image
                : image.asCompatibleSubstituteFor("apache/kafka");
    }

    static String mongo() {
        return System.getProperty("qihu.containers.mongo-image", DEFAULT_MONGO);
    }

    /**
     * Empty if {@code image} is in the local Docker engine or could be pulled now; otherwise why not. Needs a Docker
     * engine (without one this throws, as every test of the profile would).
     */
    static Optional<String> unavailable(String image) {
        DockerClient docker = DockerClientFactory.instance().client();
        if (present(docker, image)) {
            return Optional.empty();
        }
        Duration timeout = Duration.ofSeconds(Long.getLong("qihu.containers.pull-timeout", 60));
        DockerImageName name = DockerImageName.parse(image);
        try {
            boolean finished = docker.pullImageCmd(name.getUnversionedPart())
                    .withTag(name.getVersionPart())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                return Optional.of(image + " is not in the local Docker engine and pulling it did not finish within "
                        + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pulling " + image);
        } catch (RuntimeException e) {
            return Optional.of(image + " is not in the local Docker engine and cannot be pulled ("
                    + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")");
        }
        return present(docker, image)
                ? Optional.empty()
                : Optional.of(image + " is not in the local Docker engine after a pull");
    }

    private static boolean present(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}
