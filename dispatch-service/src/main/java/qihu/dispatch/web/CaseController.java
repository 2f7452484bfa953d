package qihu.dispatch.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.dispatch.access.Access;
import qihu.dispatch.task.Task;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Mono;

/**
 * A case's history (办理过程): every transition of every round's task, oldest first, scoped like the tasks themselves
 * (a round outside the caller's scope is left out; a case with no round in it is unknown, 404).
 */
@RestController
@RequestMapping("/api/v1/cases")
public class CaseController {

    private final ReactiveMongoTemplate mongo;

    public CaseController(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record CaseHistory(String caseId, String caseNumber, List<Transition> transitions) {}

    /** One transition: which round's task, when, what, who, and why or what was said. */
    public record Transition(int round, String taskId, Instant at, String action, String by, String note) {}

    @GetMapping("/{caseId}/history")
    public Mono<CaseHistory> history(@PathVariable String caseId, @AuthenticationPrincipal Access who) {
        who.requireSomeRole();
        List<Criteria> conditions = new ArrayList<>(List.of(where("caseId").is(caseId)));
        TaskScope.of(who).ifPresent(conditions::add);
        return mongo.find(query(new Criteria().andOperator(conditions)).with(Sort.by("round")), Task.class)
                .collectList()
                .filter(rounds -> !rounds.isEmpty())
                .switchIfEmpty(Mono.error(new NotFoundException("no case " + caseId)))
                .map(rounds -> new CaseHistory(
                        caseId,
                        rounds.get(0).caseNumber(),
                        rounds.stream()
                                .flatMap(task -> task.history().stream()
                                        .map(h -> new Transition(
                                                task.round(), task.taskId(), h.at(), h.action(), h.by(), h.note())))
                                .sorted(Comparator.comparing(Transition::at).thenComparing(Transition::round))
                                .toList()));
    }
}
