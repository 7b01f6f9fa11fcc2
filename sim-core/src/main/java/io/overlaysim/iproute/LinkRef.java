package io.overlaysim.iproute;

/**
 * What follows the {@code @} in a link's name, as {@code ip link} prints it: the device this one
 * is stacked on or paired with. {@code tunl0@NONE} has a zero {@code IFLA_LINK}; {@code eth0@if32}
 * names a peer by index (it lives in another namespace); {@code v0@v1} names a peer in this one.
 */
public sealed interface LinkRef {

    /** {@code @NONE}: the attribute is present but zero (JSON {@code "link": null}). */
    record None() implements LinkRef {
        @Override
        public String toString() {
            return "NONE";
        }
    }

    /** {@code @ifN}: a peer known only by its ifindex (JSON {@code "link_index"}). */
    record Index(int ifindex) implements LinkRef {
        @Override
        public String toString() {
            return "if" + ifindex;
        }
    }

    /** {@code @name}: the parent or peer device in the same namespace (JSON {@code "link"}). */
    record Name(String name) implements LinkRef {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Reads the text after {@code @} the way {@code ip} wrote it. */
    static LinkRef parse(String text) {
        if (text.equals("NONE")) {
            return new None();
        }
        if (text.length() > 2 && text.startsWith("if")) {
            boolean digits = true;
            for (int i = 2; i < text.length(); i++) {
                digits &= Character.isDigit(text.charAt(i));
            }
            if (digits && text.length() < 12) {
                return new Index(Integer.parseInt(text.substring(2)));
            }
        }
        return new Name(text);
    }
}
