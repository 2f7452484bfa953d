package qihu.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The industry rules of application.yml against the industries intake's demo directory records for its enterprises. */
class IndustriesTest {

    private static Industries industries;

    @BeforeAll
    static void theServicesRules() throws IOException {
        var sources = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
        List<Industries.Rule> rules = new Binder(ConfigurationPropertySources.from(sources))
                .bind("qihu.evaluation.reports.industries", Bindable.listOf(Industries.Rule.class))
                .get();
        industries = new Industries(rules);
    }

    @ParameterizedTest
    @CsvSource({
        "义乌市鸿达小商品有限公司, 批发和零售业",
        "义乌市稠城针织服饰有限公司, 制造业",
        "浙江义乌华贸电子商务有限公司, 批发和零售业",
        "义乌市佛堂红木家具有限公司, 制造业",
        "义乌市国际陆港物流有限公司, 交通运输、仓储和邮政业",
        "金华市婺城区金穗农业开发有限公司, 农、林、牧、渔业",
        "金华市新狮精密机械有限公司, 制造业",
        "金华市金东汽车零部件有限公司, 制造业",
        "金华市金东区澧浦花木有限公司, 农、林、牧、渔业",
        "武义县温泉旅游开发有限公司, 住宿和餐饮业",
        "武义县有机茶叶有限公司, 农、林、牧、渔业",
        "浦江县水晶工艺品有限公司, 制造业",
        "浦江县五金锁具有限公司, 制造业",
        "磐安县中药材加工有限公司, 制造业",
        "兰溪市纺织印染有限公司, 制造业",
        "兰溪市新材料科技有限公司, 科学研究和技术服务业",
        "东阳市木雕工艺有限公司, 制造业",
        "东阳市横店影视服务有限公司, 文化、体育和娱乐业",
        "东阳市磁性材料有限公司, 制造业",
        "永康市五金工具有限公司, 制造业",
        "永康市电动车配件有限公司, 制造业",
        "永康市保温杯制造有限公司, 制造业",
        "金华市婺城区软件信息服务有限公司, 信息传输、软件和信息技术服务业",
        "金华市金东区建筑工程有限公司, 建筑业",
        "义乌市跨境供应链管理有限公司, 租赁和商务服务业",
        "张三, 未识别"
    })
    void theDemoDirectorysEnterprisesGetTheirRecordedIndustry(String name, String industry) {
        assertThat(industries.of(name)).isEqualTo(industry);
    }
}
