package io.overlaysim.report;

import java.util.Objects;

/**
 * A column of a table.
 *
 * @param key machine name: the CSV header and the JSON key (lower case, digits, {@code _})
 * @param label the heading people read
 * @param type what the values are and how they are written
 */
public record Column(String key, String label, ColumnType type) {

    public Column {
        if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "column key: expected lower case letters, digits and '_', starting with a letter, got "
                            + key);
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
    }

    public static Column text(String key, String label) {
        return new Column(key, label, ColumnType.text());
    }

    public static Column integer(String key, String label) {
        return new Column(key, label, ColumnType.integer());
    }

    public static Column decimal(String key, String label, int digits) {
        return new Column(key, label, ColumnType.decimal(digits));
    }

    public static Column bytes(String key, String label) {
        return new Column(key, label, ColumnType.bytes());
    }

    public static Column percent(String key, String label, int digits) {
        return new Column(key, label, ColumnType.percent(digits));
    }

    public static Column duration(String key, String label) {
        return new Column(key, label, ColumnType.duration());
    }
}
