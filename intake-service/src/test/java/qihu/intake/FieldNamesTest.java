package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.intake.request.FieldNames;
import qihu.support.web.FieldViolation;

class FieldNamesTest {

    static final FieldNames NAMES = FieldNames.CANONICAL
            .with("title", "subject")
            .with("enterprise", "corp")
            .with("enterprise.uscc", "corp.creditCode")
            .with("attachments", "files")
            .with("attachments[].uri", "files[].url")
            .withRoot("receivedAt", "meeting.heldAt");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "title, subject",
        "enterprise.uscc, corp.creditCode",
        "enterprise.name, corp",
        "attachments, files",
        "attachments[3].uri, files[3].url",
        "receivedAt, meeting.heldAt",
        "regionCode, regionCode"
    })
    void canonicalFieldsInTheChannelsTerms(String canonical, String channel) {
        assertThat(NAMES.channelName(canonical)).isEqualTo(channel);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "title, problems[2].subject",
        "attachments[0].uri, problems[2].files[0].url",
        "receivedAt, meeting.heldAt",
        "regionCode, problems[2].regionCode"
    })
    void insideAnItemOfABatch(String canonical, String channel) {
        assertThat(NAMES.under("problems[2]").channelName(canonical)).isEqualTo(channel);
    }

    @Test
    void aFieldTheAdapterAlreadyReportedIsNotReportedTwice() {
        List<FieldViolation> report = NAMES.unmapped(Set.of("channelRequestId"))
                .report(
                        List.of(new FieldViolation("subject", "is not a time")),
                        List.of(
                                new FieldViolation("title", "is required"),
                                new FieldViolation("channelRequestId", "is required"),
                                new FieldViolation("enterprise.uscc", "is not valid")));

        assertThat(report)
                .containsExactly(
                        new FieldViolation("subject", "is not a time"),
                        new FieldViolation("corp.creditCode", "is not valid"));
    }
}
