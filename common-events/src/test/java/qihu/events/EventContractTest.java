package qihu.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventContractTest {

    private final EventCodec codec = new EventCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    static Stream<EventType> everyType() {
        return Stream.of(EventType.values());
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(EventMother.samples().keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void serialisesToItsSchemaAndReadsBackEqual(EventType type) {
        EventEnvelope<?> event = EventMother.envelope(EventMother.samples().get(type));

        byte[] bytes = codec.encode(event);

        EventSchemas.assertConforms(bytes);
        assertThat(codec.decode(bytes)).isEqualTo(event);
        assertThat(event.topic()).isEqualTo(type.topic());
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void toleratesUnknownFieldsInEnvelopeAndPayload(EventType type) {
        EventEnvelope<?> event = EventMother.envelope(EventMother.samples().get(type));
        ObjectNode node = (ObjectNode) json.readTree(codec.encode(event));
        node.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ((ObjectNode) node.get("payload")).put("addedInALaterMinorRelease", "ignored");

        byte[] bytes = json.writeValueAsBytes(node);

        EventSchemas.assertConforms(bytes);
        assertThat(codec.decode(bytes)).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAnEventWithoutItsRequiredPayloadFields(EventType type) {
        ObjectNode node = (ObjectNode) json.readTree(
                codec.encode(EventMother.envelope(EventMother.samples().get(type))));
        ObjectNode payload = (ObjectNode) node.get("payload");
        String firstRequired = payload.propertyNames().iterator().next();
        payload.remove(firstRequired);

        assertThat(EventSchemas.violations(json.writeValueAsBytes(node))).isNotEmpty();
    }

    @Test
    void schemaRejectsAnInvalidCreditCodeAndRegionCode() {
        ObjectNode node = (ObjectNode) json.readTree(codec.encode(EventMother.envelope(EventMother.requestReceived())));
        ((ObjectNode) node.get("payload")).put("regionCode", "Jinhua");
        ((ObjectNode) node.get("payload").get("enterprise")).put("uscc", "not-a-code");

        assertThat(EventSchemas.violations(json.writeValueAsBytes(node))).hasSize(2);
    }

    @Test
    void slaEventsOfOlderProducersWithoutNoticeAtStillReadAndConform() {
        SlaWarningRaised older = new SlaWarningRaised("case-1", "case-1-r1", 1, SlaColour.RED, EventMother.DUE_AT);
        byte[] bytes = codec.encode(EventMother.envelope(older));

        EventSchemas.assertConforms(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("noticeAt");
        assertThat(((SlaWarningRaised) codec.decode(bytes).payload()).noticeAt())
                .isNull();
    }

    @Test
    void aCaseOpenedFromAnOlderProducerReadsAsUnlinked() {
        ObjectNode node = (ObjectNode) json.readTree(codec.encode(
                EventMother.envelope(EventMother.caseOpened().withLinks(List.of("case-5d21e0"), "case-1b9e77"))));
        ((ObjectNode) node.get("payload")).remove(List.of("relatedCaseIds", "recurrenceOf"));
        byte[] bytes = json.writeValueAsBytes(node);

        EventSchemas.assertConforms(bytes);
        CaseOpened opened = (CaseOpened) codec.decode(bytes).payload();
        assertThat(opened.relatedCaseIds()).isEmpty();
        assertThat(opened.recurrenceOf()).isNull();
        assertThat(opened).isEqualTo(EventMother.caseOpened());
    }

    @Test
    void caseOpenedCarriesTriageLinks() {
        ObjectNode node = (ObjectNode) json.readTree(codec.encode(EventMother.envelope(
                EventMother.caseOpened().withLinks(List.of("case-5d21e0", "case-77aa01"), "case-1b9e77"))));

        assertThat(node.at("/payload/relatedCaseIds").size()).isEqualTo(2);
        assertThat(node.at("/payload/recurrenceOf").asString()).isEqualTo("case-1b9e77");
        ((ObjectNode) node.get("payload")).putArray("relatedCaseIds").add(42);
        assertThat(EventSchemas.violations(json.writeValueAsBytes(node))).isNotEmpty();
    }

    @Test
    void unknownEventTypeIsReportedSoConsumersCanSkipIt() {
        String unknown = """
                {"eventId":"e1","eventType":"case.teleported","schemaVersion":1,"occurredAt":"2026-02-13T02:15:01Z",
                 "correlationId":"r1","key":"c1","payload":{}}""";

        assertThatThrownBy(() -> codec.decode(unknown))
                .isInstanceOf(UnknownEventException.class)
                .hasMessageContaining("case.teleported");
    }

    @Test
    void newerBreakingSchemaVersionIsReportedSoConsumersCanSkipIt() {
        ObjectNode node = (ObjectNode) json.readTree(codec.encode(EventMother.envelope(EventMother.caseOpened())));
        node.put("schemaVersion", 2);

        assertThatThrownBy(() -> codec.decode(json.writeValueAsBytes(node)))
                .isInstanceOf(UnknownEventException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void garbageIsMalformedNotUnknown() {
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode("""
                        {"eventId":"e1","eventType":"case.opened","schemaVersion":1,"occurredAt":"2026-02-13T02:15:01Z",
                         "correlationId":"r1","key":"c1","payload":{"caseId":"c1","classification":{"complexity":"SIDEWAYS"}}}""")).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void deterministicIdsRepeatForTheSameFactAndDifferOtherwise() {
        assertThat(EventIds.of(EventType.TASK_ASSIGNED, "case-1", 1))
                .isEqualTo(EventIds.of(EventType.TASK_ASSIGNED, "case-1", 1))
                .isNotEqualTo(EventIds.of(EventType.TASK_ASSIGNED, "case-1", 2))
                .isNotEqualTo(EventIds.of(EventType.TASK_CLAIMED, "case-1", 1));
    }

    @Test
    void requestsOfOneEnterpriseShareAKeyAndCaseEventsAreKeyedByCase() {
        assertThat(EventMother.requestReceived().partitionKey()).isEqualTo(EventMother.ENTERPRISE.uscc());
        assertThat(EventMother.caseOpened().partitionKey()).isEqualTo("case-7f3a9c");
    }
}
