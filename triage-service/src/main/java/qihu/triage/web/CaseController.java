package qihu.triage.web;

import java.util.List;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.events.Classification;
import qihu.events.Enterprise;
import qihu.support.web.NotFoundException;
import qihu.triage.triaging.TriageCase;
import reactor.core.publisher.Mono;

/**
 * Read access to triage's cases: the master facts, the classification and what backs it, every merged request with its
 * score and reason, related cases, the closed case it repeats, why it waits for manual triage and what a person
 * decided.
 */
@RestController
@RequestMapping("/api/v1/cases")
public class CaseController {

    private final ReactiveMongoTemplate mongo;

    public CaseController(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record CaseView(
            String caseId,
            String caseNumber,
            TriageCase.CaseState state,
            Enterprise enterprise,
            String regionCode,
            String title,
            Classification classification,
            List<TriageCase.MemberRequest> requests,
            TriageCase.ClassifierEvidence classifierEvidence,
            List<TriageCase.SimilarCase> relatedCases,
            String recurrenceOf,
            TriageCase.ManualTriage manualTriage,
            String mergedInto) {

        static CaseView of(TriageCase c) {
            return new CaseView(
                    c.caseId(),
                    c.caseNumber(),
                    c.state(),
                    c.enterprise(),
                    c.regionCode(),
                    c.title(),
                    c.classification(),
                    c.requests(),
                    c.classifierEvidence(),
                    c.relatedCases() == null ? List.of() : c.relatedCases(),
                    c.recurrenceOf(),
                    c.manualTriage(),
                    c.mergedInto());
        }
    }

    @GetMapping("/{caseId}")
    public Mono<CaseView> byId(@PathVariable String caseId) {
        return mongo.findById(caseId, TriageCase.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no case " + caseId)))
                .map(CaseView::of);
    }
}
