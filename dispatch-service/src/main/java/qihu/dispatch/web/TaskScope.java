package qihu.dispatch.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.query.Criteria;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.Grant;

/** The caller's scope as a store condition, so that it is part of the query itself rather than a filter after it. */
final class TaskScope {

    private TaskScope() {}

    /** Empty when the caller sees everything; a condition matching no task when they see nothing. */
    static Optional<Criteria> of(Access who) {
        if (who.grants().stream().anyMatch(Grant::everywhere)) {
            return Optional.empty();
        }
        List<Criteria> reaches = who.grants().stream().map(TaskScope::reach).toList();
        if (reaches.isEmpty()) {
            return Optional.of(where("_id").in(List.of()));
        }
        return Optional.of(reaches.size() == 1 ? reaches.get(0) : new Criteria().orOperator(reaches));
    }

    /** The lead department's tasks in the grant's reach, and those a department in its reach assists (协办). */
    private static Criteria reach(Grant grant) {
        Criteria assisting = grant.department() != null
                ? where("assistingDepartments").is(grant.department())
                : where("assistingRegions").in(grant.regions());
        return new Criteria().orOperator(lead(grant), assisting);
    }

    private static Criteria lead(Grant grant) {
        Criteria reach = grant.regions() == null
                ? where("departmentId").is(grant.department())
                : where("regionCode").in(grant.regions());
        if (grant.department() != null && grant.regions() != null) {
            reach = reach.and("departmentId").is(grant.department());
        }
        return reach;
    }
}
