package qihu.dispatch.routing;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The directory as configured ({@code qihu.dispatch.directory.*}); the demo one is {@code directory/jinhua.yml}. */
@ConfigurationProperties("qihu.dispatch.directory")
public record DirectoryProperties(List<Region> regions, List<Department> departments) {

    public Directory toDirectory() {
        if (regions == null || regions.isEmpty()) {
            throw new IllegalArgumentException("qihu.dispatch.directory.regions is empty: load a directory file");
        }
        return new Directory(regions, departments == null ? List.of() : departments);
    }
}
