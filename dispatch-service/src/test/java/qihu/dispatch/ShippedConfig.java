package qihu.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/** Binds part of a YAML file the service ships, without starting the service: plain unit tests of real data. */
public final class ShippedConfig {

    private ShippedConfig() {}

    public static <T> T bind(String resource, String prefix, Class<T> type) {
        return bind(new ClassPathResource(resource), prefix, Bindable.of(type));
    }

    /** The same for any YAML file, e.g. another module's. */
    public static <T> T bind(Resource yaml, String prefix, Bindable<T> type) {
        try {
            var sources = new YamlPropertySourceLoader().load(yaml.getDescription(), yaml);
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind(prefix, type)
                    .orElseThrow(() -> new IllegalStateException(yaml.getDescription() + " has no " + prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
