package qihu.dispatch.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.dispatch.People;
import qihu.dispatch.ShippedConfig;
import qihu.dispatch.routing.DirectoryProperties;

/** The scope rules over the shipped Jinhua directory, without a service: who sees, acts on and transfers where. */
class AccessPolicyTest {

    private static final AccessPolicy POLICY = new AccessPolicy(
            ShippedConfig.bind("directory/jinhua.yml", "qihu.dispatch.directory", DirectoryProperties.class)
                    .toDirectory());

    @ParameterizedTest(name = "{0} on a task of {1} in {2}: sees {3}, claims {4}, transfers {5}")
    @CsvSource({
        "yiwu.esc.handler,     330782-esc,    330782,    true,  true,  false",
        "yiwu.esc.handler,     330782-drb,    330782,    false, false, false",
        "yiwu.esc.handler,     330782001-svc, 330782001, false, false, false",
        "yiwu.esc.handler,     330783-esc,    330783,    false, false, false",
        // A department id in the wrong region (a directory change, a forged claim) is not enough.
        "yiwu.esc.handler,     330782-esc,    330783,    false, false, false",
        "choucheng.handler,    330782001-svc, 330782001, true,  true,  false",
        "yiwu.supervisor,      330782-esc,    330782,    true,  false, true",
        "yiwu.supervisor,      330782001-svc, 330782001, true,  false, true",
        "yiwu.supervisor,      330782-drb,    330782,    true,  false, true",
        "yiwu.supervisor,      330783-esc,    330783,    false, false, false",
        "yiwu.supervisor,      330783001-svc, 330783001, false, false, false",
        "yiwu.supervisor,      jh-esc,        330700,    false, false, false",
        "jinhua.supervisor,    330783001-svc, 330783001, true,  false, true",
        "jinhua.leader,        330783001-svc, 330783001, true,  false, false",
        "jinhua.leader,        jh-esc,        330700,    true,  false, false",
        // Outside the directory's city: nobody but an admin.
        "jinhua.leader,        hz-esc,        330100,    false, false, false",
        "admin,                hz-esc,        330100,    true,  true,  true",
    })
    void scopeOfTheDemoPeople(
            String username, String department, String region, boolean sees, boolean claims, boolean transfers) {
        Access access = POLICY.of(People.demo(username));

        assertThat(access.sees(department, region)).as("sees").isEqualTo(sees);
        assertThat(access.may(Action.CLAIM, department, region)).as("claims").isEqualTo(claims);
        assertThat(access.may(Action.TRANSFER, department, region))
                .as("transfers")
                .isEqualTo(transfers);
    }

    @ParameterizedTest(name = "{0} transfers to a department in {1}: {2}")
    @CsvSource({
        "yiwu.supervisor,   330782,    true",
        "yiwu.supervisor,   330782101, true",
        "yiwu.supervisor,   330700,    true",
        "yiwu.supervisor,   330783,    false",
        "yiwu.supervisor,   330783001, false",
        "jinhua.supervisor, 330783001, true",
        "jinhua.leader,     330782,    false",
        "yiwu.esc.handler,  330782,    false",
        "admin,             330100,    true",
    })
    void transfersGoWithinTheRegionOrUpNeverSideways(String username, String toRegion, boolean allowed) {
        assertThat(POLICY.of(People.demo(username)).mayTransferTo(toRegion)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} may not {1}")
    @CsvSource({
        "jinhua.leader,     CLAIM,               'leader may not claim tasks; handler, admin may'",
        "jinhua.leader,     TRANSFER,            'leader may not transfer tasks; supervisor, admin may'",
        "yiwu.supervisor,   RESOLVE,             'supervisor may not resolve tasks; handler, admin may'",
        "yiwu.esc.handler,  TRANSFER,            'handler may not transfer tasks; supervisor, admin may'",
        "jinhua.supervisor, ADMINISTER_CALENDAR, 'supervisor may not administer the calendar; admin may'",
    })
    void aRoleThatMayNotActIsToldWhichRolesMay(String username, Action action, String why) {
        Access access = POLICY.of(People.demo(username));

        assertThatThrownBy(() -> access.require(action))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage(why);
    }

    @Test
    void severalRolesAddUp() {
        Person both = new Person("zhou", "周", Set.of(Role.LEADER, Role.HANDLER), "330782", "330782-esc");

        Access access = POLICY.of(both);

        assertThat(access.sees("330782001-svc", "330782001")).isTrue();
        assertThat(access.may(Action.CLAIM, "330782001-svc", "330782001")).isFalse();
        assertThat(access.may(Action.CLAIM, "330782-esc", "330782")).isTrue();
    }

    @Test
    void withoutAUsableRoleThereIsNothingToSee() {
        Access nobody = POLICY.of(People.person("tool", "330782"));
        Access handlerWithoutDepartment = POLICY.of(new Person("h", "h", Set.of(Role.HANDLER), "330782", null));

        assertThat(nobody.grants()).isEmpty();
        assertThatThrownBy(nobody::requireSomeRole).hasMessageContaining("no role in Qihu");
        assertThatThrownBy(handlerWithoutDepartment::requireSomeRole)
                .hasMessageContaining("a handler needs both a department and a region claim");
    }
}
