package io.overlaysim.packet;

/**
 * ICMP message types (RFC 792, IANA "ICMP Type Numbers") with their codes' names, for
 * printing. Hot paths use the {@code int} constants of {@link IcmpHeader}.
 */
public enum IcmpType {
    ECHO_REPLY(0, "Echo Reply"),
    DESTINATION_UNREACHABLE(3, "Destination Unreachable"),
    SOURCE_QUENCH(4, "Source Quench"),
    REDIRECT(5, "Redirect"),
    ECHO_REQUEST(8, "Echo Request"),
    TIME_EXCEEDED(11, "Time Exceeded"),
    PARAMETER_PROBLEM(12, "Parameter Problem"),
    TIMESTAMP(13, "Timestamp"),
    TIMESTAMP_REPLY(14, "Timestamp Reply");

    private static final IcmpType[] BY_VALUE = new IcmpType[256];

    static {
        for (IcmpType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    /** Destination Unreachable codes 0..15 (RFC 792, RFC 1122 section 3.2.2.1, RFC 1812 section 5.2.7.1). */
    private static final String[] UNREACHABLE_CODES = {
        "Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
        "Fragmentation needed", "Source route failed", "Destination network unknown",
        "Destination host unknown", "Source host isolated", "Network administratively prohibited",
        "Host administratively prohibited", "Network unreachable for TOS",
        "Host unreachable for TOS", "Communication administratively prohibited",
        "Host precedence violation", "Precedence cutoff in effect",
    };

    private final int value;
    private final String description;

    IcmpType(int value, String description) {
        this.value = value;
        this.description = description;
    }

    /** The type number on the wire. */
    public int value() {
        return value;
    }

    /** The name as RFC 792 (and Wireshark) write it, e.g. "Destination Unreachable". */
    public String description() {
        return description;
    }

    /** Whether this type reports an error and quotes the offending datagram (icmp_pointers[].error). */
    public boolean isError() {
        return this == DESTINATION_UNREACHABLE || this == SOURCE_QUENCH || this == REDIRECT
                || this == TIME_EXCEEDED || this == PARAMETER_PROBLEM;
    }

    /** The type for a number, or {@code null} for one not listed here. */
    public static IcmpType of(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }

    /** The name of {@code code} under this type, e.g. "Fragmentation needed"; the number if unnamed. */
    public String codeName(int code) {
        return switch (this) {
            case DESTINATION_UNREACHABLE -> code >= 0 && code < UNREACHABLE_CODES.length
                    ? UNREACHABLE_CODES[code] : Integer.toString(code);
            case TIME_EXCEEDED -> switch (code) {
                case 0 -> "Time to live exceeded in transit";
                case 1 -> "Fragment reassembly time exceeded";
                default -> Integer.toString(code);
            };
            case REDIRECT -> switch (code) {
                case 0 -> "Redirect for network";
                case 1 -> "Redirect for host";
                case 2 -> "Redirect for TOS and network";
                case 3 -> "Redirect for TOS and host";
                default -> Integer.toString(code);
            };
            case PARAMETER_PROBLEM -> switch (code) {
                case 0 -> "Pointer indicates the error";
                case 1 -> "Missing a required option";
                case 2 -> "Bad length";
                default -> Integer.toString(code);
            };
            default -> code == 0 ? "" : Integer.toString(code);
        };
    }
}
