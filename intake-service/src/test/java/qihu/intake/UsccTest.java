package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.intake.request.Uscc;

class UsccTest {

    @ParameterizedTest(name = "{0} valid={1}")
    @CsvSource({
        // Published codes of well-known companies, check characters per GB 32100-2015.
        "91110000600037341L, true",
        "914403001922038216, true",
        "91330100799655058B, true",
        "91330782MA2D7QF513, true",
        // One character changed, lower case, too short, letters outside the alphabet (I, O, S, V, Z).
        "91110000600037341M, false",
        "91110000600037341l, false",
        "9111000060003734, false",
        "9111000060003734IL, false",
        "91110000O00037341L, false"
    })
    void checksTheCheckCharacter(String code, boolean valid) {
        assertThat(Uscc.isValid(code)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"91110000600037341, L", "91440300192203821, 6", "91330782MA2D7QF51, 3"})
    void computesTheCheckCharacter(String first17, char expected) {
        assertThat(Uscc.checkCharacter(first17)).isEqualTo(expected);
    }
}
