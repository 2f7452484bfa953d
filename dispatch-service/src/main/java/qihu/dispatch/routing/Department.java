package qihu.dispatch.routing;

import java.util.Set;

/**
 * A department that can own cases in one region, for the service boards it serves ({@value #EVERY_BOARD} for all).
 */
public record Department(String id, String name, String region, Set<String> boards) {

    public static final String EVERY_BOARD = "*";

    public Department {
        boards = Set.copyOf(boards);
    }

    public boolean serves(String board) {
        return boards.contains(board) || boards.contains(EVERY_BOARD);
    }
}
