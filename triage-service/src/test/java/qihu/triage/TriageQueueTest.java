package qihu.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static qihu.triage.RequestBuilder.KEDA;
import static qihu.triage.RequestBuilder.aRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import qihu.events.CaseOpened;
import qihu.events.Classification;
import qihu.events.Complexity;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.OwnerLevel;
import qihu.events.RequestMerged;
import qihu.support.testing.QihuServiceTest;
import qihu.triage.manual.TriageDecision;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.triaging.TriageCase.Choice;
import qihu.triage.web.CaseController.CaseView;
import qihu.triage.web.TriageQueueController.QueueEntry;

/**
 * The manual triage queue through the real topics and the HTTP API: what needs a person waits unpublished with its
 * evidence; opening publishes exactly one case.opened with the final labels, merging one request.merged into the
 * target; a repeated or bad decision changes nothing; every decision is kept.
 */
@QihuServiceTest
class TriageQueueTest extends TriageTestSupport {

    static final String PROBLEM = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    /** Close to PROBLEM but another permit: an uncertain pair. */
    static final String OTHER_PERMIT = "我司新建厂房于一月提交环评验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    /** Too vague for the classifier to be sure. */
    static final String VAGUE = "你好，有个事情想问一下。";

    static final String LOAN = "我司银行贷款下月到期，续贷手续迟迟办不下来，资金周转困难，希望申请转贷资金支持。";
    static final Enterprise BY_NAME = new Enterprise(null, "义乌市某小商品店");

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @Test
    void whatNeedsAPersonWaitsUnpublishedInTheQueueWithItsEvidence() {
        RequestBuilder fire = aRequest("queue-fire").saying(PROBLEM).receivedAt("2026-11-20T09:00:00+08:00");
        RequestBuilder otherPermit = aRequest("queue-other-permit")
                .via("qiyema")
                .saying(OTHER_PERMIT)
                .receivedAt("2026-11-20T10:00:00+08:00");
        RequestBuilder vague =
                aRequest("queue-vague").titled("咨询").saying(VAGUE).receivedAt("2026-11-20T11:00:00+08:00");
        RequestBuilder byName =
                aRequest("queue-by-name").from(BY_NAME).saying(LOAN).receivedAt("2026-11-20T12:00:00+08:00");
        publish(fire.event());
        awaitCase(fire.caseId());

        publish(otherPermit.event(), vague.event(), byName.event());

        for (RequestBuilder held : List.of(otherPermit, vague, byName)) {
            assertThat(awaitCase(held.caseId()).state()).isEqualTo(CaseState.AWAITING_TRIAGE);
        }
        assertThat(eventsOfCases(fire.caseId(), otherPermit.caseId(), vague.caseId(), byName.caseId()))
                .extracting(EventEnvelope::eventType, EventEnvelope::key)
                .containsExactly(tuple("case.opened", fire.caseId()));

        List<QueueEntry> queue = queue("");
        assertThat(queue)
                .extracting(QueueEntry::caseId)
                .containsExactly(otherPermit.caseId(), vague.caseId(), byName.caseId());
        QueueEntry uncertain = queue.get(0);
        assertThat(uncertain.caseNumber()).matches("QH20261120-\\d{6}");
        assertThat(uncertain.requestId()).isEqualTo(otherPermit.requestId());
        assertThat(uncertain.channel()).isEqualTo("qiyema");
        assertThat(uncertain.title()).isEqualTo(otherPermit.build().title());
        assertThat(uncertain.content())
                .as("content only when one case is asked for")
                .isNull();
        assertThat(uncertain.receivedAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
        assertThat(uncertain.reasons())
                .anySatisfy(reason -> assertThat(reason)
                        .startsWith("possible duplicate of " + fire.caseId())
                        .contains("环评"));
        assertThat(uncertain.suggestion().modelId()).startsWith("sha256:");
        assertThat(uncertain.suggestion().topBoards()).hasSize(3);
        assertThat(uncertain.suggestion().board())
                .isEqualTo(uncertain.suggestion().topBoards().get(0).board());
        assertThat(uncertain.similarCases()).singleElement().satisfies(similar -> {
            assertThat(similar.caseId()).isEqualTo(fire.caseId());
            assertThat(similar.caseNumber()).isEqualTo(awaitCase(fire.caseId()).caseNumber());
            assertThat(similar.title()).isEqualTo(fire.build().title());
            assertThat(similar.state()).isEqualTo(CaseState.OPEN);
            assertThat(similar.verdict()).isEqualTo("UNCERTAIN");
            assertThat(similar.score()).isBetween(0.5, 1.0);
            assertThat(similar.reason()).contains("same enterprise");
            assertThat(similar.content()).isNull();
        });
        assertThat(queue.get(1).reasons()).singleElement().asString().startsWith("classifier unsure: board");
        assertThat(queue.get(2).reasons())
                .containsExactly("enterprise not identified: no credit code, known by name only (义乌市某小商品店)");

        QueueEntry detail = http.get()
                .uri("/api/v1/triage-queue/{id}", otherPermit.caseId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(QueueEntry.class)
                .returnResult()
                .getResponseBody();
        assertThat(detail.content()).isEqualTo(OTHER_PERMIT);
        assertThat(detail.similarCases().get(0).content()).isEqualTo(PROBLEM);
        assertThat(detail.reasons()).isEqualTo(uncertain.reasons());

        assertThat(queue("?limit=1")).extracting(QueueEntry::caseId).containsExactly(otherPermit.caseId());
        isProblem(http.get().uri("/api/v1/triage-queue?limit=0").exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("limit");
        for (String notWaiting : List.of(fire.caseId(), "case-never-seen")) {
            isProblem(http.get().uri("/api/v1/triage-queue/{id}", notWaiting).exchange(), HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void openingPublishesOneCaseOpenedWithTheConfirmedOrCorrectedLabels() {
        RequestBuilder vague = aRequest("open-vague").titled("咨询").saying(VAGUE);
        RequestBuilder byName = aRequest("open-by-name").from(BY_NAME).saying(LOAN);
        publish(vague.event(), byName.event());
        Classification suggestedVague = awaitCase(vague.caseId()).classification();
        Classification suggestedByName = awaitCase(byName.caseId()).classification();

        CaseView confirmed = decided(vague.caseId(), """
                {"decision": "OPEN", "reviewer": "li.na"}""");
        CaseView corrected = decided(byName.caseId(), """
                {"decision": "OPEN", "board": "TALENT", "complexity": "MAJOR", "level": "CITY",
                 "reviewer": "li.na", "note": "人才公寓配套贷款"}""");

        Classification confirmedLabels =
                new Classification(suggestedVague.board(), suggestedVague.complexity(), suggestedVague.level(), 1.0);
        Classification correctedLabels = new Classification("TALENT", Complexity.MAJOR, OwnerLevel.CITY, 1.0);
        assertThat(confirmed.state()).isEqualTo(CaseState.OPEN);
        assertThat(confirmed.classification()).isEqualTo(confirmedLabels);
        assertThat(confirmed.manualTriage().decision().reviewer()).isEqualTo("li.na");
        assertThat(corrected.state()).isEqualTo(CaseState.OPEN);
        assertThat(corrected.classification()).isEqualTo(correctedLabels);
        assertThat(queue("")).isEmpty();

        // decided again: refused, nothing more published
        isProblem(decide(vague.caseId(), """
                        {"decision": "OPEN", "board": "FINANCE", "reviewer": "wang.fang"}"""), HttpStatus.CONFLICT)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("decided already", "li.na"));
        assertThat(storedCase(vague.caseId()).classification()).isEqualTo(confirmedLabels);

        List<EventEnvelope<?>> events = eventsOfCases(vague.caseId(), byName.caseId());
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("case.opened", "case.opened");
        Map<String, CaseOpened> opened = events.stream()
                .map(e -> (CaseOpened) e.payload())
                .collect(Collectors.toMap(CaseOpened::caseId, o -> o));
        assertThat(opened.get(vague.caseId()).classification()).isEqualTo(confirmedLabels);
        assertThat(opened.get(byName.caseId()).classification()).isEqualTo(correctedLabels);
        assertThat(opened.get(byName.caseId()).requestId()).isEqualTo(byName.requestId());
        assertThat(opened.get(byName.caseId()).enterprise()).isEqualTo(BY_NAME);
        assertThat(events)
                .filteredOn(e -> e.key().equals(byName.caseId()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.eventId()).isEqualTo(EventIds.of(EventType.CASE_OPENED, byName.caseId()));
                    assertThat(e.correlationId()).isEqualTo(byName.requestId());
                });

        TriageDecision record =
                mongo.findById(byName.caseId(), TriageDecision.class).block();
        assertThat(record.decision()).isEqualTo(Choice.OPEN);
        assertThat(record.text()).isEqualTo(byName.build().title() + "。" + LOAN);
        assertThat(record.board()).isEqualTo("TALENT");
        assertThat(record.suggestedBoard()).isEqualTo(suggestedByName.board());
        assertThat(record.boardOverridden()).isEqualTo(!suggestedByName.board().equals("TALENT"));
        assertThat(record.complexityOverridden()).isEqualTo(suggestedByName.complexity() != Complexity.MAJOR);
        assertThat(record.levelOverridden()).isEqualTo(suggestedByName.level() != OwnerLevel.CITY);
        assertThat(record.reviewer()).isEqualTo("li.na");
        assertThat(record.note()).isEqualTo("人才公寓配套贷款");
        TriageDecision confirmation =
                mongo.findById(vague.caseId(), TriageDecision.class).block();
        assertThat(List.of(
                        confirmation.boardOverridden(),
                        confirmation.complexityOverridden(),
                        confirmation.levelOverridden()))
                .containsOnly(false);

        // opened, the case is in the near-duplicate index: another enterprise's similar request is linked to it
        RequestBuilder keda = aRequest("open-keda-similar").from(KEDA).saying(LOAN);
        publish(keda.event());
        assertThat(getCase(awaitCase(keda.caseId()).caseId()).relatedCases())
                .extracting(TriageCase.SimilarCase::caseId)
                .contains(byName.caseId());
    }

    @Test
    void mergingMakesTheRequestAMemberOfTheOpenCaseAndPublishesOneRequestMerged() {
        RequestBuilder fire = aRequest("merge-fire").saying(PROBLEM);
        RequestBuilder otherPermit =
                aRequest("merge-other-permit").via("qiyema").saying(OTHER_PERMIT);
        publish(fire.event());
        awaitCase(fire.caseId());
        publish(otherPermit.event());
        awaitCase(otherPermit.caseId());

        String merge = """
                {"decision": "MERGE", "mergeInto": "%s", "reviewer": "wang.fang", "note": "同一厂房，验收一并办理"}""".formatted(fire.caseId());
        CaseView merged = decided(otherPermit.caseId(), merge);

        assertThat(merged.state()).isEqualTo(CaseState.MERGED);
        assertThat(merged.mergedInto()).isEqualTo(fire.caseId());
        TriageCase master = storedCase(fire.caseId());
        assertThat(master.state()).isEqualTo(CaseState.OPEN);
        assertThat(master.requests())
                .extracting(TriageCase.MemberRequest::requestId, TriageCase.MemberRequest::channel)
                .containsExactly(tuple(fire.requestId(), "hotline-12345"), tuple(otherPermit.requestId(), "qiyema"));
        TriageCase.MemberRequest member = master.requests().get(1);
        assertThat(member.reason())
                .startsWith("merged by wang.fang after manual triage (similarity ")
                .endsWith("同一厂房，验收一并办理");
        assertThat(member.score()).isBetween(0.5, 1.0);

        // decided again, either way: refused, nothing changes
        isProblem(decide(otherPermit.caseId(), merge), HttpStatus.CONFLICT);
        isProblem(decide(otherPermit.caseId(), """
                        {"decision": "OPEN", "reviewer": "li.na"}"""), HttpStatus.CONFLICT);
        assertThat(storedCase(fire.caseId()).requests()).hasSize(2);
        assertThat(storedCase(otherPermit.caseId()).state()).isEqualTo(CaseState.MERGED);

        List<EventEnvelope<?>> events = eventsOfCases(fire.caseId(), otherPermit.caseId());
        assertThat(events)
                .extracting(EventEnvelope::eventType, EventEnvelope::key)
                .containsExactly(tuple("case.opened", fire.caseId()), tuple("request.merged", fire.caseId()));
        RequestMerged requestMerged = (RequestMerged) events.get(1).payload();
        assertThat(requestMerged.requestId()).isEqualTo(otherPermit.requestId());
        assertThat(requestMerged.channel()).isEqualTo("qiyema");
        assertThat(requestMerged.caseNumber()).isEqualTo(master.caseNumber());
        assertThat(requestMerged.score()).isEqualTo(member.score());
        assertThat(events.get(1).correlationId()).isEqualTo(otherPermit.requestId());

        TriageDecision record =
                mongo.findById(otherPermit.caseId(), TriageDecision.class).block();
        assertThat(record.decision()).isEqualTo(Choice.MERGE);
        assertThat(record.mergedInto()).isEqualTo(fire.caseId());
        assertThat(record.mergedIntoCaseNumber()).isEqualTo(master.caseNumber());
        assertThat(record.comparedWith()).isEqualTo(fire.caseId());
        assertThat(record.similarity()).isEqualTo(member.score());
        assertThat(record.board()).isEqualTo(master.classification().board());
        assertThat(queue("")).isEmpty();
    }

    @Test
    void aMergeThatWouldMixUpRequestsIsRefusedSayingWhatToDoAndChangesNothing() {
        RequestBuilder fire = aRequest("refuse-fire").saying(PROBLEM);
        RequestBuilder kedaFire = aRequest("refuse-keda-fire").from(KEDA).saying(PROBLEM);
        RequestBuilder otherPermit = aRequest("refuse-other-permit").saying(OTHER_PERMIT);
        RequestBuilder vague = aRequest("refuse-vague").titled("咨询").saying(VAGUE);
        publish(fire.event(), kedaFire.event());
        awaitCase(fire.caseId());
        assertThat(awaitCase(kedaFire.caseId()).state()).isEqualTo(CaseState.OPEN);
        publish(otherPermit.event(), vague.event());
        awaitCase(otherPermit.caseId());
        awaitCase(vague.caseId());

        assertMergeRefused(otherPermit, otherPermit.caseId(), "cannot be merged into itself");
        assertMergeRefused(otherPermit, vague.caseId(), "waits for manual triage itself: decide OPEN on it first");
        assertMergeRefused(otherPermit, kedaFire.caseId(), "another enterprise's", "decide OPEN");
        closeCase(fire);
        assertMergeRefused(otherPermit, fire.caseId(), "is CLOSED and takes no more requests");

        assertThat(storedCase(otherPermit.caseId()).state()).isEqualTo(CaseState.AWAITING_TRIAGE);
        assertThat(storedCase(fire.caseId()).requests()).hasSize(1);
        assertThat(storedCase(kedaFire.caseId()).requests()).hasSize(1);
        assertThat(mongo.findAll(TriageDecision.class).collectList().block()).isEmpty();
        assertThat(eventsOfCases(otherPermit.caseId(), vague.caseId())).isEmpty();
    }

    @Test
    void theSameProblemAgainWhileTheFirstWaitsWaitsWithIt() {
        RequestBuilder first = aRequest("again-first").titled("咨询").saying(VAGUE);
        RequestBuilder again =
                aRequest("again-second").via("zheliban").titled("咨询").saying(VAGUE);
        publish(first.event());
        awaitCase(first.caseId());

        publish(again.event());

        TriageCase second = awaitCase(again.caseId());
        assertThat(second.state()).isEqualTo(CaseState.AWAITING_TRIAGE);
        assertThat(second.manualTriage().reasons())
                .anySatisfy(reason -> assertThat(reason)
                        .startsWith(
                                "possible duplicate of " + first.caseId() + ", which waits for manual triage itself"));
        assertThat(storedCase(first.caseId()).requests()).hasSize(1);
        assertThat(queue("")).extracting(QueueEntry::caseId).containsExactly(first.caseId(), again.caseId());
        assertThat(eventsOfCases(first.caseId(), again.caseId())).isEmpty();
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        RequestBuilder vague = aRequest("bad-input-vague").titled("咨询").saying(VAGUE);
        RequestBuilder fire = aRequest("bad-input-fire").saying(PROBLEM);
        publish(vague.event(), fire.event());
        awaitCase(vague.caseId());
        awaitCase(fire.caseId());
        String target = fire.caseId();

        Map<String, String> badBodies = Map.ofEntries(
                Map.entry("{\"reviewer\": \"li.na\"}", "decision"),
                Map.entry("{\"decision\": \"SPLIT\", \"reviewer\": \"li.na\"}", "decision"),
                Map.entry("{\"decision\": \"open\", \"reviewer\": \"li.na\"}", "decision"),
                Map.entry("{\"decision\": \"OPEN\"}", "reviewer"),
                Map.entry("{\"decision\": \"OPEN\", \"reviewer\": \"  \"}", "reviewer"),
                Map.entry("{\"decision\": \"OPEN\", \"board\": \"SPORTS\", \"reviewer\": \"li.na\"}", "board"),
                Map.entry("{\"decision\": \"OPEN\", \"complexity\": \"HUGE\", \"reviewer\": \"li.na\"}", "complexity"),
                Map.entry("{\"decision\": \"OPEN\", \"level\": \"PROVINCE\", \"reviewer\": \"li.na\"}", "level"),
                Map.entry(
                        "{\"decision\": \"OPEN\", \"mergeInto\": \"" + target + "\", \"reviewer\": \"li.na\"}",
                        "mergeInto"),
                Map.entry("{\"decision\": \"MERGE\", \"reviewer\": \"li.na\"}", "mergeInto"),
                Map.entry(
                        "{\"decision\": \"MERGE\", \"mergeInto\": \"case-nowhere\", \"reviewer\": \"li.na\"}",
                        "mergeInto"),
                Map.entry(
                        "{\"decision\": \"MERGE\", \"mergeInto\": \"" + target
                                + "\", \"board\": \"FINANCE\", \"reviewer\": \"li.na\"}",
                        "board"),
                Map.entry("{\"decision\": \"OPEN\", \"reviewer\": ", "body"));

        badBodies.forEach((body, field) -> isProblem(decide(vague.caseId(), body), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .value(named -> assertThat(named).as(body).isEqualTo(field)));

        isProblem(decide("case-never-seen", "{\"decision\": \"OPEN\", \"reviewer\": \"li.na\"}"), HttpStatus.NOT_FOUND);
        TriageCase unchanged = storedCase(vague.caseId());
        assertThat(unchanged.state()).isEqualTo(CaseState.AWAITING_TRIAGE);
        assertThat(unchanged.manualTriage().decision()).isNull();
        assertThat(storedCase(fire.caseId()).requests()).hasSize(1);
        assertThat(mongo.findAll(TriageDecision.class).collectList().block()).isEmpty();
        assertThat(eventsOfCases(vague.caseId())).isEmpty();
    }

    private void assertMergeRefused(RequestBuilder held, String into, String... explanation) {
        isProblem(decide(held.caseId(), """
                                {"decision": "MERGE", "mergeInto": "%s", "reviewer": "wang.fang"}""".formatted(into)), HttpStatus.CONFLICT)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(explanation));
    }

    List<QueueEntry> queue(String parameters) {
        return http.get()
                .uri("/api/v1/triage-queue" + parameters)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(QueueEntry.class)
                .returnResult()
                .getResponseBody();
    }

    CaseView decided(String caseId, String json) {
        return decide(caseId, json)
                .expectStatus()
                .isOk()
                .expectBody(CaseView.class)
                .returnResult()
                .getResponseBody();
    }
}
