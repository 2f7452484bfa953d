package qihu.intake.channel;

import java.util.List;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;
import qihu.support.web.FieldViolation;

/**
 * One request carried by a channel's payload, mapped to the canonical shape.
 *
 * @param ref the item's own number inside a batch (a meeting's problem number), null for a single request
 * @param names how the channel names the canonical fields, for reporting violations in its terms
 * @param violations what the adapter found wrong while mapping, already in the channel's terms
 */
public record ChannelItem(String ref, CanonicalRequest request, FieldNames names, List<FieldViolation> violations) {

    public ChannelItem {
        violations = List.copyOf(violations);
    }

    public static ChannelItem single(CanonicalRequest request, FieldNames names, Findings found) {
        return new ChannelItem(null, request, names.unmapped(found.unmappedFields()), found.violations());
    }

    public static ChannelItem ofBatch(String ref, CanonicalRequest request, FieldNames names, Findings found) {
        return new ChannelItem(
                ref, request, names.under(found.itemPath()).unmapped(found.unmappedFields()), found.violations());
    }
}
