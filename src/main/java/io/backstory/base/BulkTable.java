package io.backstory.base;

import java.util.List;
import java.util.Set;

/**
 * A module's table as a trusted bulk load (the CSV import) may write it: its name and the columns such a load writes,
 * in this order, besides {@code id} (drawn from the table's identity) and {@code clinic_id}. The owning module
 * publishes it beside its other bulk calls ({@code VisitBulk.IMPORT_VISITS}, ...), so the loader, in another module,
 * writes only what the owner declares and names no table of its own accord (docs/style.md rule 9); it stays a plain
 * COPY, as fast as before.
 */
public record BulkTable(@TableName String name, List<String> columns) {

    public BulkTable {
        columns = List.copyOf(columns);
    }

    /**
     * Where each of these columns' values sits in a row whose values are named {@code values}, in this table's
     * column order: a loader writes {@code row[positions[c]]} as column {@code c}, so a reorder of the owner's columns
     * is followed, and a column the owner adds, drops or renames that the loader does not fill is refused here, once,
     * rather than shifting values into the wrong columns.
     */
    public int[] positionsIn(List<String> values) {
        if (values.size() != columns.size() || !Set.copyOf(values).equals(Set.copyOf(columns))) {
            throw new IllegalStateException(name + ": a bulk load fills " + values + ", the table takes " + columns);
        }
        int[] positions = new int[columns.size()];
        for (int c = 0; c < positions.length; c++) {
            positions[c] = values.indexOf(columns.get(c));
        }
        return positions;
    }
}
