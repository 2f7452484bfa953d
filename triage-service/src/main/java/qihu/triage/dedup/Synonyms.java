package qihu.triage.dedup;

import com.hankcs.hanlp.corpus.synonym.Synonym;
import com.hankcs.hanlp.corpus.synonym.SynonymHelper;
import com.hankcs.hanlp.dictionary.CoreSynonymDictionary;
import com.hankcs.hanlp.dictionary.common.CommonSynonymDictionary.SynonymItem;

/**
 * Whether two words mean the same, by HanLP's copy of 同义词词林 (extended). Words in "=" groups (最近 = 近期, 购买 =
 * 购置) of the same word cluster (词群, the code's first five characters: 经常 Ka10A01 and 频繁 Ka10A02) are synonyms.
 * Words merely in the same "#" category are not: 停电 # 停水 and 英国 # 法国 are different problems; nor are words of
 * neighbouring clusters: 最高 Ea02A and 最低 Ea02B.
 */
public final class Synonyms {

    /** Length of a 词林 code's word-cluster prefix: major class, minor class, group, cluster ("Ka10A"). */
    private static final int CLUSTER_LENGTH = 5;

    private Synonyms() {}

    public static boolean areSynonyms(String one, String other) {
        if (one.equals(other)) {
            return true;
        }
        if (isNumber(one) || isNumber(other)) {
            // 词林 groups numerals together (十 = 八); another number is another amount, date or building.
            return false;
        }
        SynonymItem a = CoreSynonymDictionary.get(one);
        SynonymItem b = CoreSynonymDictionary.get(other);
        return a != null
                && b != null
                && a.type == Synonym.Type.EQUAL
                && b.type == Synonym.Type.EQUAL
                && cluster(a).equals(cluster(b));
    }

    private static String cluster(SynonymItem item) {
        return SynonymHelper.convertId2StringWithIndex(item.entry.id).substring(0, CLUSTER_LENGTH);
    }

    /** Digits, or Chinese numerals only ("三", "十五", "两"). */
    public static boolean isNumber(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!Character.isDigit(c) && CHINESE_NUMERALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static final String CHINESE_NUMERALS = "零〇一二三四五六七八九十百千万亿两";
}
