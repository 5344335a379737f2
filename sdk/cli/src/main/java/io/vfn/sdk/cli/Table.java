package io.vfn.sdk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A table for people: a header and rows, columns padded to their widest cell. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    private Table(String... header) {
        rows.add(header);
    }

    /**
     * @param header the column names
     * @return an empty table
     */
    static Table of(String... header) {
        return new Table(header);
    }

    /**
     * @param cells one cell per column
     * @return this
     */
    Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** @param out where to print */
    void print(PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
