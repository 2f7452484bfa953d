package qihu.intake;

import static qihu.intake.JsonSample.array;
import static qihu.intake.JsonSample.object;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Real-looking payloads of the eleven channels, each in its own shape (CHANNELS.md), with where it keeps the fields a
 * test may break and what it must map to. Enterprises and codes are the demo directory's (enterprises-jinhua.csv).
 */
public final class ChannelSamples {

    /** 2026-11-20 09:30 in China Standard Time, when most samples were raised. */
    public static final Instant RAISED = Instant.parse("2026-11-20T01:30:00Z");

    public static final long RAISED_MILLIS = RAISED.toEpochMilli();

    /** 2026-11-18 14:30 in China Standard Time: the forum sample's meeting. */
    public static final Instant MEETING = Instant.parse("2026-11-18T06:30:00Z");

    /** The demo directory's enterprises used below. */
    public static final String HONGDA = "91330782MA2D7QF513";

    public static final String WUJIN_TOOLS = "91330784MA25P0X216";
    public static final String WOODCARVING = "91330783MA24URA9P8";
    public static final String DYEING = "91330781MA21G9MY31";
    public static final String CRYSTAL = "91330726MA2UGGATFL";
    public static final String XINSHI = "91330702MA2913NBJ9";
    public static final String LOGISTICS = "91330782MA26WEBUA7";
    public static final String HOT_SPRING = "91330723MA2J7B7DFR";
    public static final String AUTO_PARTS = "91330703MA2XRCBAC4";
    public static final String E_BIKE = "91330784MA2X8C7PTW";
    public static final String MAGNETICS_NAME = "东阳市磁性材料有限公司";
    public static final String MAGNETICS = "91330783MA2F808N2X";
    public static final String HERBS = "91330727MA2B0PJPEP";

    /**
     * Where a channel keeps the canonical fields (for a batch: in its first item), as paths into its payload.
     *
     * @param time where the request's time is (a meeting's or visit's for a batch)
     */
    public record Fields(
            String id, String title, String content, String phone, String uscc, String time, String region) {}

    /** What the sample (its first item, for a batch) must map to. */
    public record Expected(
            String channelRequestId,
            String uscc,
            String enterpriseName,
            String regionCode,
            String title,
            String contentFragment,
            String contactPhone,
            Instant receivedAt,
            List<String> attachmentUris,
            int items) {}

    public record ChannelSample(String channel, JsonSample body, Fields fields, Expected expected) {

        public ChannelSample with(String path, Object value) {
            return new ChannelSample(channel, body.with(path, value), fields, expected);
        }

        public ChannelSample without(String path) {
            return new ChannelSample(channel, body.without(path), fields, expected);
        }

        public ChannelSample changed(Function<JsonSample, JsonSample> change) {
            return new ChannelSample(channel, change.apply(body), fields, expected);
        }

        @Override
        public String toString() {
            return channel;
        }
    }

    private ChannelSamples() {}

    /** One sample of every channel, with ids made unique by {@code tag}. */
    public static List<ChannelSample> all(String tag) {
        return List.of(
                hotline("JH12345-" + tag),
                zheliban("ZLB" + tag),
                minhuwowei("MHWW-" + tag),
                sanfuwu("SFW-" + tag),
                minqing("MQ" + tag),
                qiyema("QYM" + tag),
                qinqing(Math.abs((long) tag.hashCode()) + 1),
                haochaping("HCP-330723-" + tag),
                serviceWindow("JD-C-" + tag, 42),
                forum("ZQKT-" + tag),
                fieldVisit("FV-" + tag));
    }

    public static ChannelSample hotline(String orderNo) {
        JsonSample body = JsonSample.of(object(
                "order_no", orderNo,
                "call_time", "2026-11-20 09:30:00",
                "caller_phone", "13905791234",
                "caller_name", "王经理",
                "operator_id", "HL-OP-0231",
                "company_name", "义乌市鸿达小商品有限公司",
                "credit_code", HONGDA,
                "area_code", "330782",
                "summary", "厂房消防验收迟迟未办结",
                "transcript",
                        array(
                                object("speaker", "caller", "text", "你好，我们是义乌鸿达小商品公司，新建厂房一月份就报了消防验收。"),
                                object("speaker", "operator", "text", "请问现在办理到哪一步了？"),
                                object("speaker", "caller", "text", "到现在都没有结果，影响投产，希望帮忙协调加快办理。")),
                "recording_url", "https://rec.12345.jinhua.gov.example/2026/11/20/000871.mp3"));
        return new ChannelSample(
                "hotline-12345",
                body,
                new Fields(
                        "order_no", "summary", "transcript", "caller_phone", "credit_code", "call_time", "area_code"),
                new Expected(
                        orderNo,
                        HONGDA,
                        "义乌市鸿达小商品有限公司",
                        "330782",
                        "厂房消防验收迟迟未办结",
                        "来电人：到现在都没有结果",
                        "13905791234",
                        RAISED,
                        List.of("https://rec.12345.jinhua.gov.example/2026/11/20/000871.mp3"),
                        1));
    }

    public static ChannelSample zheliban(String bizNo) {
        JsonSample body = JsonSample.of(object(
                "bizNo", bizNo,
                "submitTime", RAISED_MILLIS,
                "applicant", object("userName", "李会计", "mobile", "13757912345"),
                "corp", object("uniscid", WUJIN_TOOLS, "corpName", "永康市五金工具有限公司"),
                "matter",
                        object(
                                "title", "出口退税办理进度查询无反馈",
                                "content", "我司9月申报的出口退税至今未到账，线上查询显示审核中，电话咨询无人接听，请帮助查明原因。",
                                "areaCode", "330784000000"),
                "files",
                        array(object(
                                "fileName", "退税申报表.pdf",
                                "fileUrl", "https://oss.zjzwfw.gov.example/zlb/2026/11/20/7f3a.pdf"))));
        return new ChannelSample(
                "zheliban",
                body,
                new Fields(
                        "bizNo",
                        "matter.title",
                        "matter.content",
                        "applicant.mobile",
                        "corp.uniscid",
                        "submitTime",
                        "matter.areaCode"),
                new Expected(
                        bizNo,
                        WUJIN_TOOLS,
                        "永康市五金工具有限公司",
                        "330784",
                        "出口退税办理进度查询无反馈",
                        "出口退税至今未到账",
                        "13757912345",
                        RAISED,
                        List.of("https://oss.zjzwfw.gov.example/zlb/2026/11/20/7f3a.pdf"),
                        1));
    }

    public static ChannelSample minhuwowei(String appealNo) {
        JsonSample body = JsonSample.of(object(
                "sqbh", appealNo,
                "sqsj", "2026/11/20 09:30",
                "sqbt", "企业用地规划调整申请久拖未决",
                "sqnr", "我司扩建木雕展示中心的用地规划调整申请已提交半年，各部门互相推诿，请明确牵头部门和办理时限。",
                "qymc", "东阳市木雕工艺有限公司",
                "tyshxydm", WOODCARVING,
                "lxr", "陈总",
                "lxdh", "0579-86651234",
                "ssqx", "东阳市",
                "fjlb", array("https://mhww.hangzhou.gov.example/fj/2026/11/20/ydsq.pdf")));
        return new ChannelSample(
                "minhuwowei",
                body,
                new Fields("sqbh", "sqbt", "sqnr", "lxdh", "tyshxydm", "sqsj", "ssqx"),
                new Expected(
                        appealNo,
                        WOODCARVING,
                        "东阳市木雕工艺有限公司",
                        "330783",
                        "企业用地规划调整申请久拖未决",
                        "各部门互相推诿",
                        "0579-86651234",
                        RAISED,
                        List.of("https://mhww.hangzhou.gov.example/fj/2026/11/20/ydsq.pdf"),
                        1));
    }

    public static ChannelSample sanfuwu(String ticketId) {
        JsonSample body = JsonSample.of(object(
                "ticket", object("id", ticketId, "created_at", "2026-11-20T09:30:00+08:00", "category", "环保"),
                "enterprise_info",
                        object(
                                "name", "兰溪市纺织印染有限公司",
                                "social_credit_code", DYEING,
                                "district_code", "330781"),
                "issue",
                        object(
                                "subject", "印染废水排放许可证延续办理",
                                "detail", "排污许可证将于12月到期，延续申请需要的第三方监测报告机构排期已满，请求协调延长过渡期。"),
                "reporter", object("name", "周主任", "tel", "13588901234"),
                "attachments",
                        array(object("title", "排污许可证.jpg", "link", "https://sfw.zj.gov.example/att/88123/1.jpg"))));
        return new ChannelSample(
                "sanfuwu",
                body,
                new Fields(
                        "ticket.id",
                        "issue.subject",
                        "issue.detail",
                        "reporter.tel",
                        "enterprise_info.social_credit_code",
                        "ticket.created_at",
                        "enterprise_info.district_code"),
                new Expected(
                        ticketId,
                        DYEING,
                        "兰溪市纺织印染有限公司",
                        "330781",
                        "印染废水排放许可证延续办理",
                        "第三方监测报告",
                        "13588901234",
                        RAISED,
                        List.of("https://sfw.zj.gov.example/att/88123/1.jpg"),
                        1));
    }

    public static ChannelSample minqing(String eventNo) {
        JsonSample body = JsonSample.of(object(
                "eventNo", eventNo,
                "reportTime", "20261120093000",
                "regionName", "金华市浦江县",
                "gridName", "浦阳街道第三网格",
                "gridMember", object("name", "张网格", "phone", "13857901234"),
                "subject",
                        object(
                                "entName", "浦江县水晶工艺品有限公司",
                                "entCode", CRYSTAL,
                                "contactName", "吴经理",
                                "contactPhone", "13967901234"),
                "eventTitle", "园区道路破损影响货车通行",
                "eventDesc", "水晶产业园东侧道路路面破损严重，雨天积水，货车无法进出，企业发货受阻。",
                "images", "https://mq.jinhua.gov.example/img/1.jpg, https://mq.jinhua.gov.example/img/2.jpg"));
        return new ChannelSample(
                "minqing",
                body,
                new Fields(
                        "eventNo",
                        "eventTitle",
                        "eventDesc",
                        "subject.contactPhone",
                        "subject.entCode",
                        "reportTime",
                        "regionName"),
                new Expected(
                        eventNo,
                        CRYSTAL,
                        "浦江县水晶工艺品有限公司",
                        "330726",
                        "园区道路破损影响货车通行",
                        "货车无法进出",
                        "13967901234",
                        RAISED,
                        List.of("https://mq.jinhua.gov.example/img/1.jpg", "https://mq.jinhua.gov.example/img/2.jpg"),
                        1));
    }

    public static ChannelSample qiyema(String appealId) {
        JsonSample body = JsonSample.of(object(
                "appealId", appealId,
                "appealTime", "2026-11-20T01:30:00Z",
                "corp", object("creditCode", XINSHI, "corpName", "金华市新狮精密机械有限公司"),
                "areaCode", "330702",
                "appealType", "融资贷款",
                "appealTitle", "技改项目贷款贴息政策如何申请",
                "appealContent", "我司今年投入技改设备2000万元，想了解市级技改贷款贴息的申报条件、材料和截止时间。",
                "linkman", "徐总",
                "linkPhone", "15857901234",
                "attachList", array()));
        return new ChannelSample(
                "qiyema",
                body,
                new Fields(
                        "appealId",
                        "appealTitle",
                        "appealContent",
                        "linkPhone",
                        "corp.creditCode",
                        "appealTime",
                        "areaCode"),
                new Expected(
                        appealId,
                        XINSHI,
                        "金华市新狮精密机械有限公司",
                        "330702",
                        "技改项目贷款贴息政策如何申请",
                        "技改贷款贴息",
                        "15857901234",
                        RAISED,
                        List.of(),
                        1));
    }

    public static ChannelSample qinqing(long id) {
        JsonSample body = JsonSample.of(object(
                "id", id,
                "gmtCreate", RAISED.getEpochSecond(),
                "company", object("name", "义乌市国际陆港物流有限公司", "usci", LOGISTICS),
                "regionCode", "330782",
                "demand",
                        object(
                                "title", "跨境物流车辆夜间通行证办理",
                                "content", "陆港集装箱卡车夜间进城需通行证，目前办理周期长达两周，请简化流程。",
                                "tags", array("交通", "物流")),
                "contactor", object("name", "何调度", "mobile", "18957901234")));
        return new ChannelSample(
                "qinqing",
                body,
                new Fields(
                        "id",
                        "demand.title",
                        "demand.content",
                        "contactor.mobile",
                        "company.usci",
                        "gmtCreate",
                        "regionCode"),
                new Expected(
                        String.valueOf(id),
                        LOGISTICS,
                        "义乌市国际陆港物流有限公司",
                        "330782",
                        "跨境物流车辆夜间通行证办理",
                        "办理周期长达两周",
                        "18957901234",
                        RAISED,
                        List.of(),
                        1));
    }

    public static ChannelSample haochaping(String evaluationId) {
        JsonSample body = JsonSample.of(object(
                "evaluationId", evaluationId,
                "evaluateTime", "2026-11-20 09:30:00",
                "grade", 1,
                "serviceItem", "食品经营许可证变更",
                "deptName", "武义县市场监督管理局",
                "areaCode", "330723",
                "evaluator",
                        object(
                                "type", "legal_person",
                                "name", "武义县温泉旅游开发有限公司",
                                "certNo", HOT_SPRING,
                                "contactName", "郑经理",
                                "mobile", "13605791234"),
                "comment", "变更经营场所地址跑了三次窗口，每次要求补充的材料都不一样。"));
        return new ChannelSample(
                "haochaping",
                body,
                new Fields(
                        "evaluationId",
                        "serviceItem",
                        "comment",
                        "evaluator.mobile",
                        "evaluator.certNo",
                        "evaluateTime",
                        "areaCode"),
                new Expected(
                        evaluationId,
                        HOT_SPRING,
                        "武义县温泉旅游开发有限公司",
                        "330723",
                        "差评：食品经营许可证变更",
                        "评价等级：非常不满意",
                        "13605791234",
                        RAISED,
                        List.of(),
                        1));
    }

    public static ChannelSample serviceWindow(String staffNo, int ticketNo) {
        JsonSample body = JsonSample.of(object(
                "staffNo",
                staffNo,
                "staffName",
                "陈晓",
                "windowNo",
                "综合受理3号窗",
                "centreCode",
                "330703",
                "serviceDate",
                "2026-11-20",
                "arrivalTime",
                "09:30",
                "ticketNo",
                ticketNo,
                "visitor",
                object("name", "楼经理", "phone", "13757981234"),
                "company",
                object("name", "金华市金东汽车零部件有限公司", "creditCode", AUTO_PARTS),
                "problem",
                object(
                        "summary", "高新技术企业认定材料咨询",
                        "description", "企业拟申报高新技术企业，研发费用归集口径和知识产权数量要求不清楚，需要专人辅导。"),
                "materials",
                array(object(
                        "name", "研发费用明细.xlsx",
                        "scanUrl", "https://window.jd.jinhua.gov.example/scan/2026/11/20/42-1.pdf"))));
        return new ChannelSample(
                "service-window",
                body,
                new Fields(
                        "staffNo",
                        "problem.summary",
                        "problem.description",
                        "visitor.phone",
                        "company.creditCode",
                        "arrivalTime",
                        "centreCode"),
                new Expected(
                        staffNo + ":20261120:" + ticketNo,
                        AUTO_PARTS,
                        "金华市金东汽车零部件有限公司",
                        "330703",
                        "高新技术企业认定材料咨询",
                        "研发费用归集口径",
                        "13757981234",
                        RAISED,
                        List.of("https://window.jd.jinhua.gov.example/scan/2026/11/20/42-1.pdf"),
                        1));
    }

    /** A meeting with two problems: one enterprise named with its code, one by name only. */
    public static ChannelSample forum(String meetingNo) {
        JsonSample body = JsonSample.of(object(
                "meeting",
                        object(
                                "meetingNo", meetingNo,
                                "topic", "金华市制造业企业政企恳谈会（第11期）",
                                "heldAt", "2026-11-18 14:30",
                                "host", "金华市经济和信息化局",
                                "regionCode", "330700"),
                "problems",
                        array(
                                object(
                                        "seq", 1,
                                        "enterprise", object("name", "永康市电动车配件有限公司", "creditCode", E_BIKE),
                                        "speaker", "应总",
                                        "phone", "13905891234",
                                        "title", "电动车出口认证费用补贴",
                                        "content", "欧盟整车认证费用高，希望将出口认证费用纳入外贸补助范围。",
                                        "regionCode", "330784"),
                                object(
                                        "seq", 2,
                                        "enterprise", object("name", MAGNETICS_NAME),
                                        "speaker", "杜总",
                                        "phone", "13805791234",
                                        "title", "工业用电峰谷电价调整影响生产排班",
                                        "content", "峰谷时段调整后企业夜班成本上升，希望了解过渡期政策和储能补贴。"))));
        return new ChannelSample(
                "forum",
                body,
                new Fields(
                        "problems[0].seq",
                        "problems[0].title",
                        "problems[0].content",
                        "problems[0].phone",
                        "problems[0].enterprise.creditCode",
                        "meeting.heldAt",
                        "problems[0].regionCode"),
                new Expected(
                        meetingNo + ":1",
                        E_BIKE,
                        "永康市电动车配件有限公司",
                        "330784",
                        "电动车出口认证费用补贴",
                        "出口认证费用",
                        "13905891234",
                        MEETING,
                        List.of(),
                        2));
    }

    /** A visit to one enterprise with two problems, the first with two photos. */
    public static ChannelSample fieldVisit(String visitId) {
        JsonSample body = JsonSample.of(object(
                "visit_id", visitId,
                "visited_at", RAISED_MILLIS,
                "officer", object("officer_id", "ZQZY-0788", "name", "刘专员", "phone", "13957901111"),
                "enterprise", object("name", "磐安县中药材加工有限公司", "uscc", HERBS, "region_code", "330727"),
                "contact", object("name", "厉厂长", "mobile", "13567901234"),
                "location", object("lng", 120.45, "lat", 29.05, "address", "磐安县新渥街道中药材园区8号"),
                "problems",
                        array(
                                object(
                                        "no",
                                        1,
                                        "title",
                                        "中药材初加工用地指标紧张",
                                        "desc",
                                        "企业扩产需新增烘干车间，园区内无可用工业用地指标。",
                                        "photo_refs",
                                        array(visitId + "-01.jpg", visitId + "-02.jpg")),
                                object(
                                        "no",
                                        2,
                                        "title",
                                        "冷链仓储补助申报渠道不清",
                                        "desc",
                                        "听说有农产品冷链仓储补助，但不清楚向哪个部门申报。",
                                        "photo_refs",
                                        array()))));
        return new ChannelSample(
                "field-visit",
                body,
                new Fields(
                        "problems[0].no",
                        "problems[0].title",
                        "problems[0].desc",
                        "contact.mobile",
                        "enterprise.uscc",
                        "visited_at",
                        "enterprise.region_code"),
                new Expected(
                        visitId + ":1",
                        HERBS,
                        "磐安县中药材加工有限公司",
                        "330727",
                        "中药材初加工用地指标紧张",
                        "烘干车间",
                        "13567901234",
                        RAISED,
                        List.of(
                                "https://zqfw.jinhua.gov.example/app/photos/" + visitId + "-01.jpg",
                                "https://zqfw.jinhua.gov.example/app/photos/" + visitId + "-02.jpg"),
                        2));
    }
}
