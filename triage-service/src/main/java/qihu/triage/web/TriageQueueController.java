package qihu.triage.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import qihu.events.Classification;
import qihu.events.Complexity;
import qihu.events.Enterprise;
import qihu.events.OwnerLevel;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.triage.classify.ServiceBoard;
import qihu.triage.manual.DecisionsCsv;
import qihu.triage.manual.ManualDecision;
import qihu.triage.manual.TriageQueue;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.triaging.TriageCase.Choice;
import qihu.triage.web.CaseController.CaseView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The manual triage queue over HTTP (人工分拨): what waits, with the evidence to decide on (the similar cases with their
 * scores, the classifier's suggestion and top three boards), the decision (open, with or without corrected labels, or
 * merge into an open case), and every decision taken as training data in CSV.
 */
@RestController
@RequestMapping("/api/v1/triage-queue")
public class TriageQueueController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_REVIEWER = 64;
    private static final int MAX_NOTE = 2000;

    private final TriageQueue queue;

    public TriageQueueController(TriageQueue queue) {
        this.queue = queue;
    }

    /**
     * A case waiting for a person. {@code content} (of the case and of each similar case) only when one case is asked
     * for.
     *
     * @param requestId the request that made the case, and its {@code channel}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueueEntry(
            String caseId,
            String caseNumber,
            String requestId,
            String channel,
            Enterprise enterprise,
            String regionCode,
            Instant receivedAt,
            String title,
            String content,
            List<String> reasons,
            Suggestion suggestion,
            List<SimilarCaseView> similarCases) {}

    /**
     * What the classifier proposes.
     *
     * @param modelId the model that proposed it; null when the classifier is off
     * @param topBoards the board's three most probable labels
     */
    public record Suggestion(
            String board,
            Complexity complexity,
            OwnerLevel level,
            double confidence,
            String modelId,
            List<TriageCase.BoardScore> topBoards) {}

    /**
     * A case the waiting one was compared with: what the comparison said then, and the case as it is now.
     *
     * @param state null if the case is gone
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SimilarCaseView(
            String caseId,
            String caseNumber,
            String title,
            String content,
            CaseState state,
            String verdict,
            double score,
            String reason) {}

    /**
     * A person's decision, as sent.
     *
     * @param decision {@code OPEN} or {@code MERGE}
     * @param mergeInto with MERGE only: the open case of the same enterprise to merge into
     * @param board with OPEN only, optional: a service board code instead of the suggested one
     */
    public record DecisionCommand(
            String decision,
            String mergeInto,
            String board,
            String complexity,
            String level,
            String reviewer,
            String note) {}

    @GetMapping
    public Mono<List<QueueEntry>> list(@RequestParam(required = false) Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return queue.oldest(size)
                .map(waiting -> waiting.stream().map(w -> entry(w, false)).toList());
    }

    @GetMapping("/{caseId}")
    public Mono<QueueEntry> byId(@PathVariable String caseId) {
        return queue.waiting(caseId).map(w -> entry(w, true));
    }

    @PostMapping("/{caseId}/decision")
    public Mono<CaseView> decide(@PathVariable String caseId, @RequestBody DecisionCommand command) {
        return queue.decide(caseId, decision(command)).map(CaseView::of);
    }

    /** Every decision, oldest first, for {@code ./qihu triage train --text-column text --label-column board}. */
    @GetMapping("/decisions.csv")
    public ResponseEntity<Flux<String>> decisionsCsv() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(DecisionsCsv.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"triage-decisions.csv\"")
                .body(Flux.concat(
                        Mono.just(DecisionsCsv.header()), queue.decisions().map(DecisionsCsv::row)));
    }

    /** Checks every field of a decision; bad input is a 400 naming each bad field. */
    static ManualDecision decision(DecisionCommand command) {
        List<FieldViolation> violations = new ArrayList<>();
        Choice choice = null;
        if (blank(command.decision())) {
            violations.add(new FieldViolation("decision", "is required: OPEN or MERGE"));
        } else {
            choice = Arrays.stream(Choice.values())
                    .filter(c -> c.name().equals(command.decision().strip()))
                    .findFirst()
                    .orElse(null);
            if (choice == null) {
                violations.add(
                        new FieldViolation("decision", "must be OPEN or MERGE, not \"" + command.decision() + "\""));
            }
        }
        text(violations, "reviewer", command.reviewer(), MAX_REVIEWER, "is required: the name of who decides");
        text(violations, "note", command.note(), MAX_NOTE, null);
        if (choice == Choice.MERGE) {
            if (blank(command.mergeInto())) {
                violations.add(new FieldViolation("mergeInto", "is required with MERGE: the open case to merge into"));
            }
            String onlyWithOpen = "only with OPEN: a merged request takes the classification of the case it joins";
            for (String[] label : new String[][] {
                {"board", command.board()}, {"complexity", command.complexity()}, {"level", command.level()}
            }) {
                if (label[1] != null) {
                    violations.add(new FieldViolation(label[0], onlyWithOpen));
                }
            }
        }
        if (choice == Choice.OPEN && command.mergeInto() != null) {
            violations.add(new FieldViolation("mergeInto", "only with MERGE"));
        }
        if (command.board() != null && !ServiceBoard.DEFAULT_CODES.contains(command.board())) {
            violations.add(new FieldViolation(
                    "board",
                    "unknown service board \"" + command.board() + "\"; one of "
                            + String.join(", ", ServiceBoard.DEFAULT_CODES)));
        }
        Complexity complexity = label(violations, "complexity", command.complexity(), Complexity.class);
        OwnerLevel level = label(violations, "level", command.level(), OwnerLevel.class);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String reviewer = command.reviewer().strip();
        String note = blank(command.note()) ? null : command.note().strip();
        return choice == Choice.MERGE
                ? new ManualDecision.Merge(command.mergeInto().strip(), reviewer, note)
                : new ManualDecision.Open(command.board(), complexity, level, reviewer, note);
    }

    private static <E extends Enum<E>> E label(
            List<FieldViolation> violations, String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        violations.add(new FieldViolation(
                field,
                "must be one of "
                        + String.join(
                                ", ",
                                Arrays.stream(type.getEnumConstants())
                                        .map(Enum::name)
                                        .toList()) + ", not \"" + value + "\""));
        return null;
    }

    /** @param missing what to say when the text is missing; null if it is optional */
    private static void text(List<FieldViolation> violations, String field, String value, int max, String missing) {
        if (missing != null && blank(value)) {
            violations.add(new FieldViolation(field, missing));
        } else if (value != null && value.length() > max) {
            violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static QueueEntry entry(TriageQueue.Waiting waiting, boolean withContent) {
        TriageCase kase = waiting.kase();
        Classification suggested = kase.classification();
        TriageCase.ClassifierEvidence evidence = kase.classifierEvidence();
        TriageCase.ManualTriage manual = kase.manualTriage();
        List<TriageCase.SimilarCase> similar =
                manual == null || manual.similarCases() == null ? List.of() : manual.similarCases();
        return new QueueEntry(
                kase.caseId(),
                kase.caseNumber(),
                kase.master().requestId(),
                kase.master().channel(),
                kase.enterprise(),
                kase.regionCode(),
                kase.receivedAt(),
                kase.title(),
                withContent ? kase.content() : null,
                manual == null ? List.of() : manual.reasons(),
                new Suggestion(
                        suggested.board(),
                        suggested.complexity(),
                        suggested.level(),
                        suggested.confidence(),
                        evidence == null ? null : evidence.modelId(),
                        evidence == null ? List.of() : evidence.topBoards()),
                similar.stream()
                        .map(s -> {
                            TriageCase now = waiting.similar().get(s.caseId());
                            return new SimilarCaseView(
                                    s.caseId(),
                                    now == null ? null : now.caseNumber(),
                                    now == null ? null : now.title(),
                                    now == null || !withContent ? null : now.content(),
                                    now == null ? null : now.state(),
                                    s.verdict(),
                                    s.score(),
                                    s.reason());
                        })
                        .toList());
    }
}
