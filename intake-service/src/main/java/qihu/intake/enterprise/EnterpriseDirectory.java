package qihu.intake.enterprise;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;
import qihu.events.Enterprise;
import qihu.intake.request.Uscc;
import reactor.core.publisher.Mono;

/** Identifies the enterprise of a request: by its credit code, or by its exact name in the directory. */
@Service
public class EnterpriseDirectory {

    /** Two hits are enough to know a name is ambiguous. */
    private static final int AMBIGUOUS = 2;

    private final ReactiveMongoTemplate mongo;

    public EnterpriseDirectory(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The enterprise as identified, and the region to use.
     *
     * @param enterprise as the channel sent it
     * @param regionCode as the channel sent it; when blank, the enterprise's registered region if known
     */
    public record Resolution(Enterprise enterprise, String regionCode, EnterpriseIdentity identity) {}

    public Mono<Resolution> resolve(Enterprise enterprise, String regionCode) {
        boolean regionMissing = regionCode == null || regionCode.isBlank();
        if (enterprise == null) {
            return Mono.just(new Resolution(null, regionCode, EnterpriseIdentity.UNRESOLVED));
        }
        if (enterprise.uscc() != null) {
            Resolution given = new Resolution(enterprise, regionCode, EnterpriseIdentity.CREDIT_CODE);
            if (!regionMissing || !Uscc.isValid(enterprise.uscc())) {
                return Mono.just(given);
            }
            return mongo.findById(enterprise.uscc(), DirectoryEntry.class)
                    .map(entry -> new Resolution(enterprise, entry.regionCode(), EnterpriseIdentity.CREDIT_CODE))
                    .defaultIfEmpty(given);
        }
        Resolution unresolved = new Resolution(enterprise, regionCode, EnterpriseIdentity.UNRESOLVED);
        if (enterprise.name() == null || enterprise.name().isBlank()) {
            return Mono.just(unresolved);
        }
        return mongo.find(
                        query(where("normalisedName").is(EnterpriseNames.normalise(enterprise.name())))
                                .limit(AMBIGUOUS),
                        DirectoryEntry.class)
                .collectList()
                .map(found -> found.size() != 1
                        ? unresolved
                        : new Resolution(
                                new Enterprise(found.get(0).uscc(), found.get(0).name()),
                                regionMissing ? found.get(0).regionCode() : regionCode,
                                EnterpriseIdentity.NAME_MATCHED));
    }
}
