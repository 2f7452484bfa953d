package qihu.triage.manual;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import qihu.events.Complexity;
import qihu.events.OwnerLevel;
import qihu.triage.io.DelimitedTable;
import qihu.triage.triaging.TriageCase.Choice;

/** The export reads back field for field, whatever the text holds: commas, quotes, line breaks. */
class DecisionsCsvTest {

    @Test
    void everyFieldReadsBackAsWritten() {
        String awkward = "标题。内容, 含\"引号\"，\n换行\r\n和逗号,";
        TriageDecision decision = new TriageDecision(
                "case-1",
                "QH20261120-000001",
                "req-1",
                awkward,
                List.of("classifier unsure: board APPEAL at confidence 0.31, below 0.50", "enterprise not identified"),
                Choice.MERGE,
                "FINANCE",
                Complexity.COMPLEX,
                OwnerLevel.CITY,
                "APPEAL",
                Complexity.GENERAL,
                OwnerLevel.COUNTY,
                0.3125,
                "sha256:0123456789abcdef",
                true,
                true,
                true,
                "case-0",
                "QH20261119-000007",
                "case-0",
                0.71234,
                "li.na",
                null,
                Instant.parse("2026-11-22T08:00:00Z"));

        DelimitedTable table =
                DelimitedTable.parse("decisions.csv", DecisionsCsv.header() + DecisionsCsv.row(decision), ',');

        assertThat(table.rows()).hasSize(1);
        List<String> row = table.rows().get(0).fields();
        assertThat(row.get(table.column("text"))).isEqualTo(awkward);
        assertThat(row.get(table.column("board"))).isEqualTo("FINANCE");
        assertThat(row.get(table.column("complexity"))).isEqualTo("COMPLEX");
        assertThat(row.get(table.column("level"))).isEqualTo("CITY");
        assertThat(row.get(table.column("decision"))).isEqualTo("MERGE");
        assertThat(row.get(table.column("boardOverridden"))).isEqualTo("true");
        assertThat(row.get(table.column("suggestedConfidence"))).isEqualTo("0.3125");
        assertThat(row.get(table.column("similarity"))).isEqualTo("0.7123");
        assertThat(row.get(table.column("decidedAt"))).isEqualTo("2026-11-22T08:00:00Z");
        assertThat(row.get(table.column("reasons")))
                .isEqualTo("classifier unsure: board APPEAL at confidence 0.31, below 0.50; enterprise not identified");
        assertThat(row.get(table.column("note"))).isEmpty();
    }
}
