package qihu.dispatch.sla;

import java.util.Map;
import qihu.events.Complexity;

/** How many working days a case gets (办理时限): by complexity, with per-board overrides for general cases. */
public final class SlaPolicy {

    private final Map<Complexity, Integer> byComplexity;
    private final Map<String, Integer> byBoard;

    public SlaPolicy(Map<Complexity, Integer> byComplexity, Map<String, Integer> byBoard) {
        this.byComplexity = Map.copyOf(byComplexity);
        this.byBoard = Map.copyOf(byBoard);
    }

    public int workingDays(Complexity complexity, String board) {
        if (complexity == Complexity.GENERAL && byBoard.containsKey(board)) {
            return byBoard.get(board);
        }
        return byComplexity.get(complexity);
    }
}
