package qihu.intake;

import java.util.function.Consumer;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Open311 posts as a client sends them (form fields), to build and then break field by field. */
public final class Open311Forms {

    /** The demo keys of application.yml: one of the shared open311 channel, one of minqing's. */
    public static final String KEY = "demo-open311-api-key-1";

    public static final String MINQING_KEY = "demo-minqing-open311-api-key";
    public static final String JURISDICTION = "qihu.zj.gov.example";
    public static final String USCC_YONGKANG = "91330784MA25P0X216";
    public static final String YONGKANG_NAME = "永康市五金工具有限公司";
    public static final String DESCRIPTION = "出口退税办理进度查询无反馈\n我司9月申报的出口退税至今未到账，线上查询显示审核中，电话咨询无人接听，请帮助查明原因。";

    private Open311Forms() {}

    /** An export-tax-rebate problem of a Yongkang hardware maker, posted to the 开放 (OPENING) board. */
    public static MultiValueMap<String, String> exportRebate() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("api_key", KEY);
        form.add("jurisdiction_id", JURISDICTION);
        form.add("service_code", "OPENING");
        form.add("lat", "28.8953");
        form.add("long", "120.0339");
        form.add("address_string", "浙江省金华市永康市经济开发区长城路8号");
        form.add("description", DESCRIPTION);
        form.add("first_name", "会计");
        form.add("last_name", "李");
        form.add("phone", "13757912345");
        form.add("email", "li.kuaiji@yk-hardware.example");
        form.add("media_url", "https://oss.yk-hardware.example/rebate/2026-09.pdf");
        form.add("attribute[uscc]", USCC_YONGKANG);
        form.add("attribute[enterprise_name]", YONGKANG_NAME);
        form.add("attribute[region]", "永康市");
        return form;
    }

    /** The sample with a change: {@code exportRebate(f -> f.set("lat", "north"))}. */
    public static MultiValueMap<String, String> exportRebate(Consumer<MultiValueMap<String, String>> change) {
        MultiValueMap<String, String> form = exportRebate();
        change.accept(form);
        return form;
    }
}
