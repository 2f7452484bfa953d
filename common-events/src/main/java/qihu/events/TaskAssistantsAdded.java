package qihu.events;

import java.util.List;

/**
 * Departments were asked to assist (协办) the lead department with a cross-department case; the lead still resolves.
 *
 * @param departmentId the lead department
 * @param by who asked them
 * @param assistingDepartmentIds the departments added by this request
 */
public record TaskAssistantsAdded(
        String caseId,
        String taskId,
        int round,
        String departmentId,
        String by,
        List<String> assistingDepartmentIds,
        String reason)
        implements CaseEvent {

    public TaskAssistantsAdded {
        assistingDepartmentIds = assistingDepartmentIds == null ? List.of() : List.copyOf(assistingDepartmentIds);
    }
}
