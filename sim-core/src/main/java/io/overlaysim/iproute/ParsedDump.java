package io.overlaysim.iproute;

import java.util.List;

/**
 * What a lenient parse of a dump gave: the entries it understood and one warning per line (or
 * JSON object) it skipped. A strict parse throws the first warning instead.
 *
 * @param entries the parsed entries, in file order
 * @param warnings one per skipped line or object, each naming file:line:col
 */
public record ParsedDump<T>(List<T> entries, List<DumpParseException> warnings) {
    public ParsedDump {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** How many lines or objects were skipped. */
    public int skipped() {
        return warnings.size();
    }
}
