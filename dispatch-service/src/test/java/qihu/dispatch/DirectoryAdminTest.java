package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.dispatch.TestIssuer.BadToken;
import qihu.dispatch.access.Person;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.DirectoryAdmin;
import qihu.dispatch.routing.DirectoryEntry;
import qihu.dispatch.routing.DirectoryProperties;
import qihu.dispatch.task.Task;
import qihu.events.OwnerLevel;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** The directory's administration: admins only, validated as a whole, stored over the seed file, audited. */
@QihuServiceTest
@Import(WorkingWeekClock.class)
class DirectoryAdminTest extends ServiceTestSupport {

    private static final String FINANCE_CENTRE = "330782-fin";

    @Autowired
    WebTestClient http;

    @Autowired
    Directory directory;

    @Autowired
    DirectoryProperties seed;

    @Autowired
    DirectoryAdmin admin;

    @BeforeEach
    @AfterEach
    void seedDirectory() {
        mongo.dropCollection(DirectoryEntry.class).block();
        directory.replace(seed.regions(), seed.departments());
    }

    @Test
    void aDepartmentPutByAnAdminRoutesNewCasesIsAuditedAndSurvivesARestart() {
        put(
                        "/departments/" + FINANCE_CENTRE,
                        Map.of("name", "义乌市金融服务中心", "region", "330782", "boards", List.of("FINANCE")))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(FINANCE_CENTRE);
        put(
                        "/departments/" + FINANCE_CENTRE,
                        Map.of("name", "义乌市金融工作服务中心", "region", "330782", "boards", List.of("FINANCE")))
                .expectStatus()
                .isOk();

        CaseOpenedBuilder financeCase =
                CaseOpenedBuilder.aCase("finance").inRegion("330782").onBoard("FINANCE");
        publish(financeCase.event());
        Task task = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> mongo.findById(Task.idOf(financeCase.caseId(), 1), Task.class)
                                .block(),
                        Objects::nonNull);
        assertThat(task.departmentId()).isEqualTo(FINANCE_CENTRE);
        assertThat(task.departmentName()).isEqualTo("义乌市金融工作服务中心");

        List<DirectoryAdmin.AuditEntry> audit = audit();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).by()).isEqualTo(People.ADMIN.subject());
        assertThat(audit.get(0).key()).isEqualTo(FINANCE_CENTRE);
        assertThat(audit.get(0).before()).containsEntry("name", "义乌市金融服务中心");
        assertThat(audit.get(0).after()).containsEntry("name", "义乌市金融工作服务中心");
        assertThat(audit.get(1).before()).isNull();

        // A restart: the seed file again, then what the store holds over it.
        directory.replace(seed.regions(), seed.departments());
        assertThat(directory.department(FINANCE_CENTRE)).isEmpty();
        admin.applyStored().block();
        assertThat(directory.department(FINANCE_CENTRE)).isPresent();
    }

    @Test
    void aNewTownshipIsPutUnderItsCountyAndAChangeOfNothingIsNotAudited() {
        put("/regions/330782102", Map.of("name", "义亭镇", "level", "TOWNSHIP", "parent", "330782"))
                .expectStatus()
                .isOk();
        put("/regions/330782102", Map.of("name", "义亭镇", "level", "TOWNSHIP", "parent", "330782"))
                .expectStatus()
                .isOk();

        assertThat(directory.region("330782102").orElseThrow().level()).isEqualTo(OwnerLevel.TOWNSHIP);
        assertThat(directory.regionAndBelow("330782")).contains("330782102");
        as(People.ADMIN)
                .get()
                .uri("/api/v1/directory/regions/330782102")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(audit()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {2} → 400 naming {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/departments/330782-esc | department | {\"name\": \"x\", \"region\": \"999999\", \"boards\": [\"APPEAL\"]} | region",
                "/departments/330782-esc | department | {\"name\": \"x\", \"region\": \"330782\", \"boards\": [\"not a board\"]} | boards[0]",
                "/departments/330782-esc | department | {\"name\": \"x\", \"region\": \"330782\", \"boards\": []} | boards",
                "/departments/330782-esc | department | {\"region\": \"330782\", \"boards\": [\"APPEAL\"]} | name",
                "/departments/bad id!    | department | {\"name\": \"x\", \"region\": \"330782\", \"boards\": [\"APPEAL\"]} | id",
                "/regions/330782         | region     | {\"name\": \"义乌市\", \"level\": \"COUNTY\", \"parent\": \"330782001\"} | parent",
                "/regions/330782         | region     | {\"name\": \"义乌市\", \"level\": \"VILLAGE\", \"parent\": \"330700\"} | level",
                "/regions/330782         | region     | {\"name\": \"义乌市\", \"level\": \"COUNTY\", \"parent\": \"110000\"} | parent",
                "/regions/330782         | region     | {\"name\": \" \", \"level\": \"COUNTY\", \"parent\": \"330700\"} | name",
                "/regions/3307821        | region     | {\"name\": \"x\", \"level\": \"TOWNSHIP\", \"parent\": \"330782\"} | code",
                "/regions/330782103      | region     | {\"name\": \"x\", \"level\": \"COUNTY\", \"parent\": \"330782\"} | parent",
                "/regions/330782         | region     | {\"name\": \"义乌市\", \"level\": \"COUNTY\", \"parent\":      | body",
            })
    void badInputIsAProblemNamingTheFieldAndChangesNothing(String path, String kind, String body, String field) {
        List<?> regions = directory.regions();
        List<?> departments = directory.departments();

        WebTestClient.ResponseSpec response = as(People.ADMIN)
                .put()
                .uri("/api/v1/directory" + path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();

        isProblem(response, HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains(field));
        assertThat(directory.regions()).isEqualTo(regions);
        assertThat(directory.departments()).isEqualTo(departments);
        assertThat(audit()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: read {1}, put {2}, audit {3}")
    @CsvSource({
        "admin,                200, 200, 200",
        "jinhua.supervisor,    403, 403, 403",
        "jinhua.leader,        403, 403, 403",
        "yiwu.esc.handler,     403, 403, 403",
        "none,                 401, 401, 401",
        "bad,                  401, 401, 401",
    })
    void onlyAnAdminAdministersTheDirectory(String caller, int read, int put, int audit) {
        WebTestClient client = caller.equals("none")
                ? http
                : caller.equals("bad")
                        ? http.mutate()
                                .defaultHeader(
                                        HttpHeaders.AUTHORIZATION,
                                        BadToken.SIGNED_WITH_ANOTHER_KEY.bearer(People.ADMIN))
                                .build()
                        : TestIssuer.signedIn(http, People.demo(caller));

        for (String path : List.of("/regions", "/regions/330782", "/departments", "/departments/330782-esc")) {
            client.get()
                    .uri("/api/v1/directory" + path)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(read);
        }
        client.put()
                .uri("/api/v1/directory/departments/330782-esc")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "义乌市企业服务中心", "region", "330782", "boards", List.of("*")))
                .exchange()
                .expectStatus()
                .isEqualTo(put);
        client.get().uri("/api/v1/directory/audit").exchange().expectStatus().isEqualTo(audit);

        assertThat(directory.department("330782-esc").orElseThrow().department().name())
                .isEqualTo(put == 200 ? "义乌市企业服务中心" : "义乌市企业综合服务中心");
    }

    private WebTestClient as(Person who) {
        return TestIssuer.signedIn(http, who);
    }

    private WebTestClient.ResponseSpec put(String path, Map<String, ?> body) {
        return as(People.ADMIN)
                .put()
                .uri("/api/v1/directory" + path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private List<DirectoryAdmin.AuditEntry> audit() {
        return as(People.ADMIN)
                .get()
                .uri("/api/v1/directory/audit")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(DirectoryAdmin.AuditEntry.class)
                .returnResult()
                .getResponseBody();
    }
}
