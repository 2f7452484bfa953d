package qihu.evaluation.kpi;

/**
 * The figures of one group (a region, a department, ...). Rates are null when their denominator is 0.
 *
 * @param received requests received, merged duplicates included
 * @param mergedDuplicates requests merged into an open case; excluded from every rate
 * @param cases cases opened (the rates' population)
 * @param due cases whose first deadline has passed by the as-of time
 * @param closed due cases closed by then; 办结率 = closed / due
 * @param closedOnTime closed cases whose every round was answered by its deadline; 按期办结率 = closedOnTime / due
 * @param ratings real ratings (default-satisfied closes are not ratings); 满意率 = satisfiedRatings / ratings
 * @param resolved cases answered at least once; 重办率 = reopened / resolved
 * @param resolvedLocally resolved cases whose latest answer came from township or county level;
 *     基层化解率 = resolvedLocally / resolved
 * @param closedByDefault cases closed as default satisfied, counted apart
 * @param averageWorkingDaysToClose over closed cases, working days from receipt to close
 */
public record KpiRow(
        String key,
        long received,
        long mergedDuplicates,
        long cases,
        long due,
        long closed,
        long closedOnTime,
        long ratings,
        long satisfiedRatings,
        long resolved,
        long reopened,
        long resolvedLocally,
        long closedByDefault,
        Double closureRate,
        Double onTimeClosureRate,
        Double satisfactionRate,
        Double reopenRate,
        Double localResolutionRate,
        Double averageWorkingDaysToClose) {}
