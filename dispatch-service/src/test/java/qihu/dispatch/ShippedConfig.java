package qihu.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** Binds part of a YAML file the service ships, without starting the service: plain unit tests of real data. */
public final class ShippedConfig {

    private ShippedConfig() {}

    public static <T> T bind(String resource, String prefix, Class<T> type) {
        try {
            var sources = new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind(prefix, type)
                    .orElseThrow(() -> new IllegalStateException(resource + " has no " + prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
