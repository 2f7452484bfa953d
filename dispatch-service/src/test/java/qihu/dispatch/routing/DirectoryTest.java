package qihu.dispatch.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import qihu.dispatch.ShippedConfig;
import qihu.events.OwnerLevel;

/** Routing over the demo directory of Jinhua that the service ships ({@code directory/jinhua.yml}). */
class DirectoryTest {

    private static final Directory JINHUA = ShippedConfig.bind(
                    "directory/jinhua.yml", "qihu.dispatch.directory", DirectoryProperties.class)
            .toDirectory();

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        // A township serves APPEAL itself.
        "330782001, APPEAL,   义乌市稠城街道便民服务中心,   330782001, TOWNSHIP",
        "330702100, APPEAL,   婺城区罗店镇便民服务中心,     330702100, TOWNSHIP",
        // A board the township does not serve goes to its county's enterprise service centre.
        "330782001, POLICY,   义乌市企业综合服务中心,       330782,    COUNTY",
        "330782100, FINANCE,  义乌市企业综合服务中心,       330782,    COUNTY",
        // A county department of the board comes before the county's centre.
        "330782,    PROJECT,  义乌市发展和改革局,           330782,    COUNTY",
        "330782001, PROJECT,  义乌市发展和改革局,           330782,    COUNTY",
        "330782,    TALENT,   义乌市人力资源和社会保障局,   330782,    COUNTY",
        "330782,    APPEAL,   义乌市企业综合服务中心,       330782,    COUNTY",
        // Lowest level first: a county centre takes PROJECT rather than the city's commission.
        "330783,    PROJECT,  东阳市企业综合服务中心,       330783,    COUNTY",
        "330700,    PROJECT,  金华市发展和改革委员会,       330700,    CITY",
        "330700,    APPEAL,   金华市企业综合服务中心,       330700,    CITY",
        // A township the directory does not list falls back to its county.
        "330782999, APPEAL,   义乌市企业综合服务中心,       330782,    COUNTY",
        // A Jinhua county code the directory does not list falls back to the city.
        "330799,    APPEAL,   金华市企业综合服务中心,       330700,    CITY",
        "330799,    PROJECT,  金华市发展和改革委员会,       330700,    CITY",
        "330799001, TALENT,   金华市人力资源和社会保障局,   330700,    CITY",
    })
    void routesToTheLowestDepartmentServingTheBoard(
            String regionCode, String board, String department, String ownerRegion, OwnerLevel level) {
        Assignment assignment = JINHUA.route(regionCode, board).orElseThrow();

        assertThat(assignment.department().name()).isEqualTo(department);
        assertThat(assignment.department().region()).isEqualTo(ownerRegion);
        assertThat(assignment.region().code()).isEqualTo(ownerRegion);
        assertThat(assignment.region().level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "region \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"330100", "330102001", "110000", "33"})
    void aRegionOutsideJinhuaHasNoDepartment(String regionCode) {
        assertThat(JINHUA.route(regionCode, "APPEAL")).isEmpty();
    }

    @Test
    void everyBoardOfTheTaxonomyHasAnOwnerForEveryRegionOfJinhua() {
        List<String> boards =
                List.of("PROJECT", "POLICY", "FINANCE", "TALENT", "LEGAL", "SCI_TECH", "OPENING", "DATA", "APPEAL");
        List<String> regions = List.of("330700", "330702", "330703001", "330723", "330727100", "330784100");

        for (String region : regions) {
            for (String board : boards) {
                assertThat(JINHUA.route(region, board))
                        .as("%s %s", region, board)
                        .isPresent();
            }
        }
    }

    @Test
    void aRegionUnderAnUnknownParentIsRejected() {
        List<Region> regions = List.of(
                new Region("330700", "金华市", OwnerLevel.CITY, null),
                new Region("330782", "义乌市", OwnerLevel.COUNTY, "330799"));

        assertThatThrownBy(() -> new Directory(regions, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("330782")
                .hasMessageContaining("330799");
    }

    @Test
    void aDepartmentInAnUnknownRegionIsRejected() {
        List<Region> regions = List.of(new Region("330700", "金华市", OwnerLevel.CITY, null));
        List<Department> departments =
                List.of(new Department("330782-esc", "义乌市企业综合服务中心", "330782", Set.of(Department.EVERY_BOARD)));

        assertThatThrownBy(() -> new Directory(regions, departments))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("330782-esc")
                .hasMessageContaining("330782");
    }

    @Test
    void aDirectoryWithoutRegionsIsRejected() {
        assertThatThrownBy(() -> new DirectoryProperties(List.of(), List.of()).toDirectory())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regions");
    }

    @Test
    void aCountyHasItsTownshipsBelowItAndTheCityAbove() {
        assertThat(JINHUA.regionAndBelow("330782"))
                .containsExactlyInAnyOrder("330782", "330782001", "330782003", "330782100", "330782101");
        assertThat(JINHUA.regionAndBelow("330782001")).containsExactly("330782001");
        assertThat(JINHUA.regionAndBelow("330700")).hasSize(27);
        assertThat(JINHUA.regionAndBelow("330100")).isEmpty();
        assertThat(JINHUA.regionsAbove("330782001")).containsExactly("330782", "330700");
        assertThat(JINHUA.regionsAbove("330700")).isEmpty();
    }

    @Test
    void aDepartmentNamingTheBoardComesBeforeTheCatchAllWhateverTheOrderAndALoopIsRefused() {
        Region county = new Region("330782", "义乌市", OwnerLevel.COUNTY, null);
        Directory directory = new Directory(
                List.of(county),
                List.of(
                        new Department("330782-esc", "义乌市企业综合服务中心", "330782", Set.of("*")),
                        new Department("330782-fin", "义乌市金融工作服务中心", "330782", Set.of("FINANCE"))));

        assertThat(directory
                        .route("330782", "FINANCE")
                        .orElseThrow()
                        .department()
                        .id())
                .isEqualTo("330782-fin");
        assertThat(directory
                        .route("330782", "APPEAL")
                        .orElseThrow()
                        .department()
                        .id())
                .isEqualTo("330782-esc");
        assertThatThrownBy(() -> directory.replace(
                        List.of(
                                new Region("330782", "义乌市", OwnerLevel.COUNTY, "330782001"),
                                new Region("330782001", "稠城街道", OwnerLevel.TOWNSHIP, "330782")),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(directory.regions()).containsExactly(county);
    }
}
