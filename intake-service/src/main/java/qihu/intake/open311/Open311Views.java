package qihu.intake.open311;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qihu.intake.channel.Findings;
import qihu.intake.open311.Open311Properties.ServiceBoard;
import qihu.intake.open311.RequestSearch.Open311Status;
import qihu.intake.progress.CaseStatus;
import qihu.intake.progress.RequestStatusView;
import qihu.intake.request.IntakeRequest;
import qihu.support.web.FieldViolation;

/**
 * The GeoReport v2 answers, field by field in the spec's order, as maps that {@link Open311Format} writes as JSON or
 * XML. Times are W3C date-times in China Standard Time ({@code 2026-11-25T23:59:59+08:00}).
 */
final class Open311Views {

    /** The detail key under which a request remembers its service code. */
    static final String SERVICE_CODE = "serviceCode";

    /** {@code status_notes}: what the open status means now, in the enterprise's words. */
    private static final Map<CaseStatus, String> NOTES = new EnumMap<>(Map.of(
            CaseStatus.RECEIVED, "已受理，等待分拣",
            CaseStatus.CASE_OPENED, "已立案，等待交办",
            CaseStatus.ASSIGNED, "已交办承办部门",
            CaseStatus.IN_PROGRESS, "承办部门办理中",
            CaseStatus.REROUTING, "承办部门退回，重新交办中",
            CaseStatus.RESOLVED, "已答复，等待企业评价",
            CaseStatus.REOPENED, "企业不满意，重办中",
            CaseStatus.CLOSED, "已办结"));

    private Open311Views() {}

    /** A stored request and what its case has come to. */
    record Found(IntakeRequest request, RequestStatusView status) {}

    static Open311Status statusOf(RequestStatusView view) {
        return view.status() == CaseStatus.CLOSED ? Open311Status.CLOSED : Open311Status.OPEN;
    }

    static Map<String, Object> service(ServiceBoard service) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service_code", service.code());
        view.put("service_name", service.name());
        view.put("description", service.description());
        // Every service has attributes (the enterprise): clients must read its definition.
        view.put("metadata", true);
        // The request id is known when the post is answered: it is stored before.
        view.put("type", "realtime");
        view.put("keywords", String.join(", ", service.keywords()));
        view.put("group", service.group());
        return view;
    }

    static Map<String, Object> definition(ServiceBoard service) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service_code", service.code());
        view.put(
                "attributes",
                ServiceCatalogue.ATTRIBUTES.stream()
                        .map(attribute -> {
                            Map<String, Object> a = new LinkedHashMap<>();
                            a.put("variable", true);
                            a.put("code", attribute.code());
                            a.put("datatype", attribute.datatype());
                            a.put("required", attribute.required());
                            a.put("datatype_description", null);
                            a.put("order", attribute.order());
                            a.put("description", attribute.description());
                            return a;
                        })
                        .toList());
        return view;
    }

    /** The answer to a post: the request's id at once (a "realtime" service). */
    static Map<String, Object> created(String requestId, String serviceNotice, String accountId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service_request_id", requestId);
        view.put("service_notice", serviceNotice);
        view.put("account_id", accountId);
        return view;
    }

    static Map<String, Object> request(Found found, ServiceCatalogue catalogue, String serviceNotice) {
        IntakeRequest r = found.request();
        RequestStatusView status = found.status();
        Map<String, String> details = r.channelDetails() == null ? Map.of() : r.channelDetails();
        String code = details.get(SERVICE_CODE);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service_request_id", r.requestId());
        view.put("status", statusOf(status).wire());
        view.put("status_notes", notes(status));
        view.put("service_name", catalogue.find(code).map(ServiceBoard::name).orElse(null));
        view.put("service_code", code);
        view.put("description", r.content());
        view.put("agency_responsible", status.departmentName());
        view.put("service_notice", serviceNotice);
        view.put("requested_datetime", w3c(r.receivedAt()));
        view.put("updated_datetime", w3c(status.updatedAt()));
        // The SLA deadline, known once a department has the task.
        view.put("expected_datetime", w3c(status.dueAt()));
        view.put("address", details.get("address"));
        view.put("address_id", details.get("addressId"));
        view.put("zipcode", null);
        view.put("lat", number(details.get("lat")));
        view.put("long", number(details.get("long")));
        view.put(
                "media_url",
                r.attachments() == null || r.attachments().isEmpty()
                        ? null
                        : r.attachments().get(0).uri());
        return view;
    }

    /** The errors of a refusal: one per field, each naming it first ({@code service_code: is required}). */
    static List<Map<String, Object>> errors(int code, List<FieldViolation> violations) {
        return violations.stream()
                .map(violation -> {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("code", code);
                    error.put(
                            "description",
                            violation.field() == null
                                    ? violation.message()
                                    : violation.field() + ": " + violation.message());
                    return error;
                })
                .toList();
    }

    /** The case number (one per case, also for a request merged into another's case), the status, the reply. */
    private static String notes(RequestStatusView status) {
        StringBuilder notes = new StringBuilder();
        if (status.caseNumber() != null) {
            notes.append("案件编号 ").append(status.caseNumber()).append("：");
        }
        notes.append(NOTES.getOrDefault(status.status(), status.status().name()));
        if (status.reply() != null) {
            notes.append("。答复：").append(status.reply());
        }
        return notes.toString();
    }

    private static String w3c(Instant at) {
        return at == null
                ? null
                : at.atZone(Findings.CHINA).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static BigDecimal number(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
