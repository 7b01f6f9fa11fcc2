package io.overlaysim.iproute;

import java.util.ArrayList;
import java.util.List;

/**
 * A dump line with its continuation lines joined: an indented line ({@code \tnexthop via ...},
 * or a line the poster's terminal wrapped) belongs to the line before it. Comments and blank
 * lines are dropped. Columns in errors refer to the joined text.
 */
record LogicalLine(int number, String text) {
    static List<LogicalLine> join(String text) {
        List<LogicalLine> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder cur = null;
        int curNo = 0;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (LineTokens.isCommentOrBlank(raw)) {
                continue;
            }
            boolean indented = raw.charAt(0) == ' ' || raw.charAt(0) == '\t';
            if (indented && cur != null) {
                cur.append(' ').append(raw.strip());
                continue;
            }
            if (cur != null) {
                out.add(new LogicalLine(curNo, cur.toString()));
            }
            cur = new StringBuilder(raw);
            curNo = i + 1;
        }
        if (cur != null) {
            out.add(new LogicalLine(curNo, cur.toString()));
        }
        return out;
    }
}
