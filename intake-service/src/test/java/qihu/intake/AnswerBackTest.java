package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.intake.CaseEvents.caseOf;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.events.EventEnvelope;
import qihu.intake.CallbackReceiver.Call;
import qihu.intake.callback.CallbackDelivery;
import qihu.intake.callback.CallbackDelivery.DeliveryState;
import qihu.intake.security.ChannelAuthenticationFilter;
import qihu.intake.security.ChannelSignature;

/**
 * 一个口子出: every change of a case reaches every channel its requests came from, in that channel's shape, signed;
 * a failing channel is retried, then cut off by its breaker, its answers dead-lettered and re-driven once it works.
 */
class AnswerBackTest extends IntakeServiceTest {

    private static final String ADMIN = "Bearer demo-intake-admin-token";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    private CircuitBreakerRegistry breakers;

    @BeforeEach
    void cleanSlate() {
        dropDatabase();
        CALLED_BACK.forEach(CHANNELS::answerOk);
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @Test
    void everyStatusChangeReachesTheChannelInItsOwnShapeAndSigned() {
        String orderNo = "HL-answer-" + System.nanoTime();
        String requestId = accept(RequestMother.hotlineRequest(orderNo));
        CaseEvents c = caseOf(requestId);

        publish(c.opened());
        awaitStatus("hotline-12345", "order_no", orderNo, "CASE_OPENED");
        // Answers are delivered independently of each other: each change is published once the one before arrived,
        // so that the order the channel saw is the order of the changes.
        List<Map<String, Object>> notices = List.of();
        List<EventEnvelope<?>> changes = List.of(c.assigned(), c.claimed(), c.resolved(), c.ratingAsked(), c.closed());
        for (int i = 0; i < changes.size(); i++) {
            publish(changes.get(i));
            int expected = i + 2;
            notices = await().atMost(PATIENCE)
                    .until(
                            () -> CHANNELS.acceptedAbout("hotline-12345", "order_no", orderNo),
                            n -> n.size() == expected);
        }
        assertThat(notices)
                .extracting(n -> n.get("status"))
                .containsExactly("CASE_OPENED", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "RESOLVED", "CLOSED");
        // The answer once as is, once with evaluation's signed link to rate it; the link is gone once closed.
        assertThat(notices.subList(3, 5))
                .filteredOn(n -> n.containsKey("rating_link"))
                .singleElement()
                .satisfies(n -> assertThat(n)
                        .containsEntry("status_text", "已答复，待评价")
                        .containsEntry("reply_content", CaseEvents.REPLY)
                        .containsEntry("rating_link", CaseEvents.RATING_LINK));
        assertThat(notices.get(5)).doesNotContainKey("rating_link");
        Map<String, Object> resolved = notices.stream()
                .filter(n -> "RESOLVED".equals(n.get("status")) && !n.containsKey("rating_link"))
                .findFirst()
                .orElseThrow();
        assertThat(resolved)
                .containsEntry("case_number", c.caseNumber())
                .containsEntry("status_text", "已答复，待评价")
                .containsEntry("handle_dept", CaseEvents.DEPARTMENT)
                .containsEntry("reply_content", CaseEvents.REPLY)
                // The hotline's own time format, China time: 2026-11-25T15:59:59Z.
                .containsEntry("due_at", "2026-11-25 23:59:59");
        assertThat(notices.get(5)).containsEntry("close_reason", "RATED").containsEntry("rating", "SATISFIED");
        assertThat(notices).extracting(n -> n.get("notice_id")).doesNotHaveDuplicates();

        for (Call call : CHANNELS.callsTo("hotline-12345")) {
            Map<String, String> h = call.headers();
            assertThat(h).containsEntry(ChannelAuthenticationFilter.CHANNEL, "hotline-12345");
            assertThat(ChannelSignature.verifies(
                            security.keysOf("hotline-12345"),
                            h.get(ChannelAuthenticationFilter.TIMESTAMP),
                            h.get(ChannelAuthenticationFilter.NONCE),
                            call.body(),
                            h.get(ChannelAuthenticationFilter.SIGNATURE)))
                    .as("signed with the channel's key: %s", new String(call.body(), StandardCharsets.UTF_8))
                    .isTrue();
        }
    }

    @Test
    void aMergedCaseIsAnsweredThroughEveryChannelItCameFromEachInItsShape() {
        String orderNo = "HL-master-" + System.nanoTime();
        String masterId = accept(RequestMother.hotlineRequest(orderNo));
        Map<String, Object> duplicate = RequestMother.hotlineRequest("ZLB-dup-" + System.nanoTime());
        duplicate.put("channel", "zheliban");
        String duplicateId = accept(duplicate);
        CaseEvents c = caseOf(masterId);

        publish(c.opened(), c.assigned());
        awaitStatus("hotline-12345", "order_no", orderNo, "ASSIGNED");
        publish(c.merged(duplicateId, "zheliban"));
        // Merged after the assignment: its channel is told where the case stands as it joins.
        awaitStatus("zheliban", "bizNo", duplicate.get("channelRequestId"), "ASSIGNED");
        publish(c.claimed(), c.resolved());

        Map<String, Object> hotline = awaitStatus("hotline-12345", "order_no", orderNo, "RESOLVED");
        Map<String, Object> zheliban = awaitStatus("zheliban", "bizNo", duplicate.get("channelRequestId"), "RESOLVED");
        assertThat(hotline).containsEntry("reply_content", CaseEvents.REPLY);
        assertThat(zheliban)
                .containsEntry("reply", CaseEvents.REPLY)
                .containsEntry("caseNumber", c.caseNumber())
                .containsEntry("dueAt", CaseEvents.DUE_AT.toEpochMilli());
        assertThat(CHANNELS.acceptedAbout("zheliban", "bizNo", duplicate.get("channelRequestId")))
                .extracting(n -> n.get("status"))
                // each once; delivered independently, so in any order
                .containsExactlyInAnyOrder("ASSIGNED", "IN_PROGRESS", "RESOLVED");
    }

    @Test
    void aRedeliveredEventIsNotAnsweredTwice() {
        String orderNo = "HL-redelivered-" + System.nanoTime();
        CaseEvents c = caseOf(accept(RequestMother.hotlineRequest(orderNo)));

        publish(c.opened());
        awaitStatus("hotline-12345", "order_no", orderNo, "CASE_OPENED");
        publish(c.assigned(), c.assigned(), c.claimed());
        awaitStatus("hotline-12345", "order_no", orderNo, "IN_PROGRESS");
        publish(c.claimed());

        await().pollDelay(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> true);
        assertThat(CHANNELS.acceptedAbout("hotline-12345", "order_no", orderNo))
                .extracting(n -> n.get("status"))
                .containsExactlyInAnyOrder("CASE_OPENED", "ASSIGNED", "IN_PROGRESS");
        assertThat(deliveries(null)).hasSize(3);
    }

    @Test
    void aFailingChannelIsRetriedThenCutOffThenDeadLetteredAndReDrivenOnceItWorks() {
        CHANNELS.answer("qinqing", 503);
        Map<String, Object> first = requestVia("qinqing");
        CaseEvents c = caseOf(accept(first));

        publish(c.opened());

        // Three attempts (max-attempts), then the dead-letter list.
        CallbackDelivery dead = awaitTheDeadLetter();
        assertThat(dead.attempts())
                .extracting(CallbackDelivery.Attempt::outcome)
                .containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(dead.attempts())
                .extracting(CallbackDelivery.Attempt::httpStatus)
                .containsOnly(503);
        assertThat(dead.lastError()).contains("503");

        // Four failed calls in a window of four: the breaker opens and the next answer is not even tried.
        publish(c.assigned());
        CallbackDelivery deferred = await().atMost(PATIENCE)
                .until(
                        () -> deliveries(DeliveryState.PENDING),
                        d -> d.size() == 1 && !d.get(0).attempts().isEmpty())
                .get(0);
        assertThat(deferred.attempts())
                .extracting(CallbackDelivery.Attempt::outcome)
                .contains("DEFERRED");
        assertThat(breakers.circuitBreaker("qinqing").getState())
                .isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
        int callsWhileOpen = CHANNELS.callsTo("qinqing").size();

        // The admin sees the dead letter with its log.
        http.get()
                .uri("/api/v1/admin/callbacks/dead-letters?channel=qinqing")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].id")
                .isEqualTo(dead.id())
                .jsonPath("$[0].attempts.length()")
                .isEqualTo(3);

        // The channel recovers: the breaker lets a test call through after open-for, the deferred answer is
        // delivered by the poll, and the re-driven dead letter follows.
        CHANNELS.answerOk("qinqing");
        await().atMost(PATIENCE).until(() -> deliveries(DeliveryState.PENDING).isEmpty());
        assertThat(CHANNELS.callsTo("qinqing").size()).isGreaterThan(callsWhileOpen);
        http.post()
                .uri("/api/v1/admin/callbacks/dead-letters/redrive-all?channel=qinqing")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.redriven")
                .isEqualTo(1);
        await().atMost(PATIENCE).until(() -> deliveries(DeliveryState.DELIVERED), d -> d.size() == 2);
        assertThat(CHANNELS.acceptedAbout("qinqing", "id", first.get("channelRequestId")))
                .extracting(n -> n.get("status"))
                .containsExactlyInAnyOrder("CASE_OPENED", "ASSIGNED");
        CallbackDelivery redriven =
                mongo.findById(dead.id(), CallbackDelivery.class).block();
        assertThat(redriven.redrives()).isEqualTo(1);
        assertThat(redriven.attempts())
                .extracting(CallbackDelivery.Attempt::outcome)
                .endsWith("DELIVERED");

        // A delivered answer is not re-driven again.
        isProblem(
                        http.post()
                                .uri("/api/v1/admin/callbacks/dead-letters/{id}/redrive", dead.id())
                                .header("Authorization", ADMIN)
                                .exchange(),
                        HttpStatus.CONFLICT)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("DELIVERED"));
    }

    @Test
    void aChannelRefusingTheAnswerIsNotRetried() {
        CHANNELS.answer("minhuwowei", 422);
        Map<String, Object> request = requestVia("minhuwowei");
        CaseEvents c = caseOf(accept(request));

        publish(c.opened());

        CallbackDelivery dead = awaitTheDeadLetter();
        assertThat(dead.attempts())
                .extracting(CallbackDelivery.Attempt::outcome)
                .containsExactly("REFUSED");
        // 民呼我为's own field names: 申请编号, 状态.
        assertThat(dead.body())
                .containsEntry("sqbh", request.get("channelRequestId"))
                .containsEntry("zt", "CASE_OPENED");
        assertThat(breakers.circuitBreaker("minhuwowei").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theAdminEndpointsNeedTheAdminTokenAndSayWhatIsWrong() {
        isProblem(http.get().uri("/api/v1/admin/callbacks").exchange(), HttpStatus.UNAUTHORIZED)
                .jsonPath("$.errors[0].field")
                .isEqualTo("Authorization");
        isProblem(
                http.get()
                        .uri("/api/v1/admin/callbacks")
                        .header("Authorization", "Bearer not-the-admin-token")
                        .exchange(),
                HttpStatus.UNAUTHORIZED);
        isProblem(
                        http.get()
                                .uri("/api/v1/admin/callbacks?state=LOST")
                                .header("Authorization", ADMIN)
                                .exchange(),
                        HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("state");
        isProblem(
                http.post()
                        .uri("/api/v1/admin/callbacks/dead-letters/cb-nothing/redrive")
                        .header("Authorization", ADMIN)
                        .exchange(),
                HttpStatus.NOT_FOUND);
    }

    private static Map<String, Object> requestVia(String channel) {
        Map<String, Object> request = RequestMother.hotlineRequest(String.valueOf(System.nanoTime()));
        request.put("channel", channel);
        return request;
    }

    private CallbackDelivery awaitTheDeadLetter() {
        return await().atMost(PATIENCE)
                .until(() -> deliveries(DeliveryState.DEAD), d -> d.size() == 1)
                .get(0);
    }

    private Map<String, Object> awaitStatus(String channel, String idField, Object channelRequestId, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> CHANNELS.acceptedAbout(channel, idField, channelRequestId).stream()
                                .filter(n -> status.equals(n.get("status")) || status.equals(n.get("zt")))
                                .findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
    }

    private List<CallbackDelivery> deliveries(DeliveryState state) {
        WebTestClient.RequestHeadersSpec<?> get = http.get()
                .uri(b -> b.path("/api/v1/admin/callbacks")
                        .queryParamIfPresent("state", java.util.Optional.ofNullable(state))
                        .build())
                .header("Authorization", ADMIN);
        return get.exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<CallbackDelivery>>() {})
                .returnResult()
                .getResponseBody();
    }
}
