package qihu.dispatch.routing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.dispatch.routing.DirectoryEntry.Change;
import qihu.support.web.ConflictException;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Edits the directory at run time: a region or a department is put as a whole, checked against the whole directory
 * (a parent that exists and lies one level up, a region for each department, no loops), stored over the seed file
 * with its audit in the same write, and applied to the directory in force; other instances apply it within
 * {@link DirectoryRefresh}'s interval. Bad input changes nothing.
 */
@Service
public class DirectoryAdmin {

    private static final Logger log = LoggerFactory.getLogger(DirectoryAdmin.class);
    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}|\\d{9}");
    private static final Pattern DEPARTMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern BOARD = Pattern.compile("[A-Z][A-Z0-9_]{0,31}|\\" + Department.EVERY_BOARD);

    private final ReactiveMongoTemplate mongo;
    private final Directory directory;
    private final DirectoryProperties seed;
    private final Clock clock;

    public DirectoryAdmin(ReactiveMongoTemplate mongo, Directory directory, DirectoryProperties seed, Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.seed = seed;
        this.clock = clock;
    }

    /** One change as the audit shows it. */
    public record AuditEntry(
            Instant at, String by, String kind, String key, Map<String, Object> before, Map<String, Object> after) {}

    public Mono<Region> putRegion(String code, Region region, String by) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!REGION_CODE.matcher(code).matches()) {
            violations.add(new FieldViolation("code", "must be a GB/T 2260 code of 6 or 9 digits"));
        }
        if (region.parent() != null && directory.region(region.parent()).isEmpty()) {
            violations.add(new FieldViolation("parent", "no region " + region.parent()));
        }
        require(violations);
        List<Region> regions = new ArrayList<>(directory.regions());
        replaceOrAdd(regions, region, Region::code);
        Region before = directory.region(code).orElse(null);
        check(regions, directory.departments(), region.parent() == null ? "level" : "parent");
        return put(DirectoryEntry.REGION, code, before, region, asMap(before), asMap(region), by)
                .thenReturn(region);
    }

    public Mono<Department> putDepartment(String id, Department department, String by) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!DEPARTMENT_ID.matcher(id).matches()) {
            violations.add(new FieldViolation("id", "must be letters, digits, '-' or '_', at most 64"));
        }
        if (directory.region(department.region()).isEmpty()) {
            violations.add(new FieldViolation("region", "no region " + department.region()));
        }
        List<String> boards = List.copyOf(department.boards());
        for (int i = 0; i < boards.size(); i++) {
            if (!BOARD.matcher(boards.get(i)).matches()) {
                violations.add(new FieldViolation(
                        "boards[" + i + "]", "must be a board code such as PROJECT or FALLBACK, or * for every board"));
            }
        }
        require(violations);
        List<Department> departments = new ArrayList<>(directory.departments());
        replaceOrAdd(departments, department, Department::id);
        Department before = directory.department(id).map(Assignment::department).orElse(null);
        check(directory.regions(), departments, "region");
        return put(DirectoryEntry.DEPARTMENT, id, before, department, asMap(before), asMap(department), by)
                .thenReturn(department);
    }

    /** Every change, newest first. */
    public Flux<AuditEntry> audit() {
        return mongo.findAll(DirectoryEntry.class)
                .flatMapIterable(entry -> entry.changes().stream()
                        .map(c -> new AuditEntry(c.at(), c.by(), entry.kind(), entry.key(), c.before(), c.after()))
                        .toList())
                .sort(Comparator.comparing(AuditEntry::at).reversed());
    }

    /**
     * The seed file with the stored entries over it, applied to the directory in force. A stored state that does not
     * make a directory (two instances' edits crossing) is logged and left unapplied.
     */
    public Mono<Integer> applyStored() {
        return mongo.findAll(DirectoryEntry.class).collectList().map(entries -> {
            Map<String, Region> regions = new LinkedHashMap<>();
            seed.regions().forEach(r -> regions.put(r.code(), r));
            Map<String, Department> departments = new LinkedHashMap<>();
            if (seed.departments() != null) {
                seed.departments().forEach(d -> departments.put(d.id(), d));
            }
            for (DirectoryEntry entry : entries) {
                if (entry.region() != null) {
                    regions.put(entry.key(), entry.region());
                } else if (entry.department() != null) {
                    departments.put(entry.key(), entry.department());
                }
            }
            if (regions.values().stream().toList().equals(directory.regions())
                    && departments.values().stream().toList().equals(directory.departments())) {
                return 0;
            }
            try {
                directory.replace(regions.values(), departments.values());
                return entries.size();
            } catch (IllegalArgumentException e) {
                log.error(
                        "stored directory entries do not make a directory; keeping the one in force: {}",
                        e.getMessage());
                return 0;
            }
        });
    }

    private <T> Mono<Void> put(
            String kind, String key, T before, T after, Map<String, Object> was, Map<String, Object> is, String by) {
        if (Objects.equals(before, after)) {
            return Mono.empty();
        }
        String id = DirectoryEntry.idOf(kind, key);
        Change change = new Change(clock.instant(), by, was, is);
        String field = DirectoryEntry.REGION.equals(kind) ? "region" : "department";
        return mongo.findById(id, DirectoryEntry.class)
                .flatMap(stored -> mongo.updateFirst(
                                query(where("_id").is(id).and("version").is(stored.version())),
                                new Update().set(field, after).inc("version", 1).push("changes", change),
                                DirectoryEntry.class)
                        .filter(result -> result.getModifiedCount() == 1)
                        .map(result -> stored))
                .switchIfEmpty(Mono.defer(() -> mongo.exists(query(where("_id").is(id)), DirectoryEntry.class)
                        .flatMap(exists -> exists
                                ? Mono.error(new ConflictException(kind + " " + key + " changed meanwhile; retry"))
                                : mongo.insert(new DirectoryEntry(
                                                id,
                                                kind,
                                                key,
                                                after instanceof Region r ? r : null,
                                                after instanceof Department d ? d : null,
                                                1,
                                                List.of(change)))
                                        .onErrorMap(
                                                DuplicateKeyException.class,
                                                e -> new ConflictException(
                                                        kind + " " + key + " changed meanwhile;" + " retry")))))
                .then(applyStored())
                .doOnNext(applied -> log.info("{} put {} {}", by, kind, key))
                .then();
    }

    private static void check(List<Region> regions, List<Department> departments, String field) {
        try {
            new Directory(regions, departments);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    private static void require(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static <T> void replaceOrAdd(List<T> list, T item, Function<T, String> key) {
        for (int i = 0; i < list.size(); i++) {
            if (key.apply(list.get(i)).equals(key.apply(item))) {
                list.set(i, item);
                return;
            }
        }
        list.add(item);
    }

    private static Map<String, Object> asMap(Region r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("code", r.code());
        map.put("name", r.name());
        map.put("level", r.level() == null ? null : r.level().name());
        map.put("parent", r.parent());
        return map;
    }

    private static Map<String, Object> asMap(Department d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", d.id());
        map.put("name", d.name());
        map.put("region", d.region());
        map.put("boards", d.boards().stream().sorted().toList());
        return map;
    }
}
