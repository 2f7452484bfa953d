package qihu.dispatch.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import qihu.dispatch.People;
import qihu.dispatch.ShippedConfig;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.DirectoryProperties;

/** The local sign-in's demo people fit this service's directory: their regions and departments exist and agree. */
class DemoPeopleTest {

    private static final Directory JINHUA = ShippedConfig.bind(
                    "directory/jinhua.yml", "qihu.dispatch.directory", DirectoryProperties.class)
            .toDirectory();

    @Test
    void everyDemoPersonHasARoleAndARegionAndDepartmentOfTheDirectory() {
        assertThat(People.demoPeople()).hasSizeGreaterThanOrEqualTo(8).allSatisfy(person -> {
            assertThat(person.roles()).as(person.subject()).isNotEmpty();
            if (!person.roles().contains(Role.ADMIN)) {
                assertThat(JINHUA.region(person.region())).as(person.subject()).isPresent();
            }
            if (person.department() != null) {
                assertThat(JINHUA.department(person.department()))
                        .as(person.subject())
                        .hasValueSatisfying(at -> assertThat(at.region().code()).isEqualTo(person.region()));
            }
        });
    }

    @Test
    void everyRoleHasADemoPerson() {
        assertThat(People.demoPeople()).flatExtracting(Person::roles).containsAll(EnumSet.allOf(Role.class));
    }
}
