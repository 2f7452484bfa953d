package qihu.dispatch.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.Action;
import qihu.dispatch.routing.Assignment;
import qihu.dispatch.routing.Department;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.DirectoryAdmin;
import qihu.dispatch.routing.Region;
import qihu.events.OwnerLevel;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The directory's administration (admins only): regions and departments as in force, each put as a whole (validated
 * against the whole directory, nothing changed on bad input), and the audit of every change.
 */
@RestController
@RequestMapping("/api/v1/directory")
public class DirectoryController {

    private static final int MAX_NAME = 100;
    private static final int MAX_BOARDS = 20;

    private final Directory directory;
    private final DirectoryAdmin admin;

    public DirectoryController(Directory directory, DirectoryAdmin admin) {
        this.directory = directory;
        this.admin = admin;
    }

    /** @param parent the region one level up; absent only for the top of the tree */
    public record RegionCommand(String name, OwnerLevel level, String parent) {}

    /** @param boards the service boards it serves, {@code *} for every board */
    public record DepartmentCommand(String name, String region, List<String> boards) {}

    @GetMapping("/regions")
    public List<Region> regions(@AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_DIRECTORY);
        return directory.regions();
    }

    @GetMapping("/regions/{code}")
    public Region region(@PathVariable String code, @AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_DIRECTORY);
        return directory.region(code).orElseThrow(() -> new NotFoundException("no region " + code));
    }

    @PutMapping("/regions/{code}")
    public Mono<Region> putRegion(
            @PathVariable String code, @RequestBody RegionCommand command, @AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_DIRECTORY);
        List<FieldViolation> violations = new ArrayList<>(text("name", command.name()));
        if (command.level() == null) {
            violations.add(new FieldViolation("level", "is required: one of CITY, COUNTY, TOWNSHIP"));
        }
        if (command.parent() != null && command.parent().isBlank()) {
            violations.add(new FieldViolation("parent", "must be a region code, or absent for the top region"));
        }
        require(violations);
        return admin.putRegion(
                code,
                new Region(
                        code,
                        command.name().strip(),
                        command.level(),
                        command.parent() == null ? null : command.parent().strip()),
                who.who());
    }

    @GetMapping("/departments")
    public List<Department> departments(@AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_DIRECTORY);
        return directory.departments();
    }

    @GetMapping("/departments/{id}")
    public Department department(@PathVariable String id, @AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_DIRECTORY);
        return directory
                .department(id)
                .map(Assignment::department)
                .orElseThrow(() -> new NotFoundException("no department " + id));
    }

    @PutMapping("/departments/{id}")
    public Mono<Department> putDepartment(
            @PathVariable String id, @RequestBody DepartmentCommand command, @AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_DIRECTORY);
        List<FieldViolation> violations = new ArrayList<>(text("name", command.name()));
        violations.addAll(text("region", command.region()));
        List<String> boards = command.boards();
        if (boards == null || boards.isEmpty()) {
            violations.add(new FieldViolation("boards", "is required: one or more board codes, or *"));
        } else if (boards.size() > MAX_BOARDS) {
            violations.add(new FieldViolation("boards", "must list at most " + MAX_BOARDS + " boards"));
        } else {
            for (int i = 0; i < boards.size(); i++) {
                if (boards.get(i) == null || boards.get(i).isBlank()) {
                    violations.add(new FieldViolation("boards[" + i + "]", "is required"));
                }
            }
        }
        require(violations);
        return admin.putDepartment(
                id,
                new Department(
                        id,
                        command.name().strip(),
                        command.region().strip(),
                        new LinkedHashSet<>(boards.stream().map(String::strip).toList())),
                who.who());
    }

    @GetMapping("/audit")
    public Flux<DirectoryAdmin.AuditEntry> audit(@AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_DIRECTORY);
        return admin.audit();
    }

    private static List<FieldViolation> text(String field, String value) {
        if (value == null || value.isBlank()) {
            return List.of(new FieldViolation(field, "is required"));
        }
        if (value.length() > MAX_NAME) {
            return List.of(new FieldViolation(field, "must be at most " + MAX_NAME + " characters"));
        }
        return List.of();
    }

    private static void require(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
