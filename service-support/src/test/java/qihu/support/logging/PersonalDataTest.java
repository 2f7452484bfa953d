package qihu.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalDataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // mobile numbers, bare, with +86, inside Chinese text
                "caller 13905791234 called               | caller 139****1234 called",
                "+8613905791234                          | +86139****1234",
                "联系电话13905791234，王经理               | 联系电话139****1234，王经理",
                // landlines keep area code and last four digits
                "fax 0579-85123456                       | fax 0579-****3456",
                // resident ID numbers keep region and check character
                "ID 33078219850612301X on file           | ID 330782***********X on file",
                "身份证330782198506123015。                | 身份证330782***********5。",
                // not personal data: credit codes, longer digit runs, case numbers, times, short numbers
                "credit code 91330782MA2D7QF513          | credit code 91330782MA2D7QF513",
                "credit code 913307827345678901          | credit code 913307827345678901",
                "offset 139057912345678                  | offset 139057912345678",
                "case QH20261122-000001                  | case QH20261122-000001",
                "at 2026-11-22T09:30:00Z after 1500 ms   | at 2026-11-22T09:30:00Z after 1500 ms",
            })
    void masksPhoneAndIdNumbersButNothingElse(String text, String masked) {
        assertThat(PersonalData.mask(text.strip())).isEqualTo(masked.strip());
    }

    @ParameterizedTest
    @CsvSource({"13905791234, 13905791235", "33078219850612301X, 330782198506123015"})
    void twoNumbersInOneLineAreBothMasked(String first, String second) {
        String masked = PersonalData.mask(first + " and " + second);

        assertThat(masked).doesNotContain(first).doesNotContain(second).contains(" and ");
    }
}
