package qihu.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qihu.deploy.EmbeddedMongo;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.CloseReason;
import qihu.events.EventEnvelope;
import qihu.events.EventPayload;
import qihu.events.OwnerLevel;
import qihu.events.Rating;
import qihu.events.RequestMerged;
import qihu.events.SlaColour;
import qihu.events.SlaWarningRaised;
import qihu.events.TaskAssigned;

/**
 * The audit against the embedded store and hand-made trails: a clean run passes, and each kind of loss or doubling
 * is caught by the check that is about it.
 */
class RunAuditTest {

    private static final Instant AT = Instant.parse("2026-11-23T02:00:00Z");

    @TempDir
    Path dir;

    private EmbeddedMongo store;
    private MongoClient mongo;
    private Trails trails;
    private int eventIds;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        store = EmbeddedMongo.start(dir.resolve("store.mv"), port);
        mongo = MongoClients.create(store.connectionString());
        trails = new Trails();
    }

    @AfterEach
    void stop() {
        mongo.close();
        store.close();
    }

    @Test
    void aCleanRunPasses() {
        cleanRunOfTwoRequestsInOneCase();

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));

        assertThat(audit.checks())
                .allSatisfy(check -> assertThat(check.passed()).as(check.what()).isTrue());
        assertThat(audit.passed()).isTrue();
        assertThat(check(audit, "answers").found()).isEqualTo(2);
    }

    @Test
    void aRequestStoredButNeverTriagedIsLost() {
        cleanRunOfTwoRequestsInOneCase();
        storeRequest("req-3");

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2", "req-3"));

        assertThat(check(audit, "opened or joined").lost()).isEqualTo(1);
        assertThat(check(audit, "opened or joined").examples()).containsExactly("req-3");
        assertThat(audit.passed()).isFalse();
    }

    @Test
    void aRequestWaitingForAPersonIsAccountedFor() {
        cleanRunOfTwoRequestsInOneCase();
        storeRequest("req-3");
        mongo.getDatabase("qihu_triage")
                .getCollection("cases")
                .insertOne(new Document("_id", "case-9")
                        .append("state", "AWAITING_TRIAGE")
                        .append("requests", List.of(new Document("requestId", "req-3"))));

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2", "req-3"));

        assertThat(audit.passed()).isTrue();
        assertThat(audit.notes()).containsValue(1L);
    }

    @Test
    void anAcceptedRequestMissingFromTheStoreIsLost() {
        cleanRunOfTwoRequestsInOneCase();

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2", "req-4"));

        assertThat(check(audit, "stored by intake").lost()).isEqualTo(1);
    }

    @Test
    void aRequestThatOpenedTwoCasesIsDoubled() {
        cleanRunOfTwoRequestsInOneCase();
        note(new CaseOpened("case-2", "QH-2", "req-2", "zheliban", null, "330782", "t", "c", null, AT));

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));

        assertThat(check(audit, "opened or joined").doubled()).isEqualTo(1);
        assertThat(audit.passed()).isFalse();
    }

    @Test
    void aSecondAssignmentOfTheSameRoundIsDoubledAndAMissingTaskIsLost() {
        cleanRunOfTwoRequestsInOneCase();
        note(assigned("case-1", 1));

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));
        assertThat(check(audit, "task assignments").doubled()).isEqualTo(1);

        mongo.getDatabase("qihu_dispatch").getCollection("tasks").deleteOne(new Document("_id", "case-1-r1"));
        audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));
        assertThat(check(audit, "tasks stored").lost()).isEqualTo(1);
    }

    @Test
    void aWarningRaisedTwiceIsDoubledAndAColourWithoutItsWarningIsLost() {
        cleanRunOfTwoRequestsInOneCase();
        mongo.getDatabase("qihu_dispatch")
                .getCollection("tasks")
                .updateOne(new Document("_id", "case-1-r1"), new Document("$set", new Document("slaColour", "YELLOW")));

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));
        assertThat(check(audit, "SLA warnings").lost()).isEqualTo(1);

        note(new SlaWarningRaised("case-1", "case-1-r1", 1, SlaColour.YELLOW, AT));
        note(new SlaWarningRaised("case-1", "case-1-r1", 1, SlaColour.YELLOW, AT));
        audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));
        assertThat(check(audit, "SLA warnings").lost()).isZero();
        assertThat(check(audit, "SLA warnings").doubled()).isEqualTo(1);
    }

    @Test
    void aMissingOrSecondAnswerAboutTheClosureIsCaught() {
        String closure = cleanRunOfTwoRequestsInOneCase();
        var callbacks = mongo.getDatabase("qihu_intake").getCollection("callbacks");
        callbacks.deleteOne(new Document("requestId", "req-2"));

        RunAudit.Result audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));
        assertThat(check(audit, "answers").lost()).isEqualTo(1);

        callbacks.insertOne(answer("req-1", closure));
        audit = new RunAudit(mongo, trails).audit(Set.of("req-1", "req-2"));
        assertThat(check(audit, "answers").doubled()).isEqualTo(1);
    }

    /** req-1 opens case-1, req-2 (another channel) is merged into it; one task; closed; both answered. The closure's event id. */
    private String cleanRunOfTwoRequestsInOneCase() {
        storeRequest("req-1");
        storeRequest("req-2");
        note(new CaseOpened("case-1", "QH-1", "req-1", "hotline-12345", null, "330782", "t", "c", null, AT));
        note(new RequestMerged("case-1", "QH-1", "req-2", "zheliban", 1.0, "exact duplicate"));
        note(assigned("case-1", 1));
        mongo.getDatabase("qihu_dispatch")
                .getCollection("tasks")
                .insertOne(new Document("_id", "case-1-r1").append("dueAt", AT).append("slaColour", "GREEN"));
        String closure = note(new CaseClosed("case-1", 1, CloseReason.RATED, Rating.SATISFIED, AT));
        var callbacks = mongo.getDatabase("qihu_intake").getCollection("callbacks");
        callbacks.insertOne(answer("req-1", closure));
        callbacks.insertOne(answer("req-2", closure));
        return closure;
    }

    private Document answer(String requestId, String eventId) {
        return new Document("_id", requestId + ":" + eventId + ":" + System.nanoTime())
                .append("requestId", requestId)
                .append("eventId", eventId)
                .append("state", "DELIVERED");
    }

    private void storeRequest(String requestId) {
        mongo.getDatabase("qihu_intake").getCollection("requests").insertOne(new Document("_id", requestId));
    }

    private static TaskAssigned assigned(String caseId, int round) {
        return new TaskAssigned(caseId, caseId + "-r" + round, round, "dept", "部门", "330782", OwnerLevel.COUNTY, 3, AT);
    }

    /** Notes an event with a fresh id; returns the id. */
    private String note(EventPayload payload) {
        String eventId = "evt-" + ++eventIds;
        trails.note(EventEnvelope.of(eventId, AT, "corr", payload));
        return eventId;
    }

    private static RunAudit.Check check(RunAudit.Result audit, String about) {
        return audit.checks().stream()
                .filter(c -> c.what().contains(about))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check about " + about + " in " + audit.checks()));
    }
}
