package qihu.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

class WriteConcernTest {

    @Test
    void majorityIsTheDefaultAndANumberIsAMemberCount() {
        assertThat(new StoreProperties(null, null, null, "majority").writeConcern())
                .isEqualTo("majority");
        assertThat(SupportAutoConfiguration.writeConcern("majority")).isEqualTo(WriteConcern.MAJORITY);
        assertThat(SupportAutoConfiguration.writeConcern("1")).isEqualTo(WriteConcern.W1);
        assertThat(SupportAutoConfiguration.writeConcern("2")).isEqualTo(WriteConcern.W2);
    }
}
