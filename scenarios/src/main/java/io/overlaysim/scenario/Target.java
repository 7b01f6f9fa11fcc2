package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;

/** A traffic endpoint: a pod or node by name, or an address. */
public sealed interface Target {
    /** A pod ({@code worker01/pod-0}) or a node ({@code worker01}). */
    record Named(String name) implements Target {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An address, which need not belong to anything (a blackholed slot, say). */
    record Address(Ipv4Address address) implements Target {
        @Override
        public String toString() {
            return address.toString();
        }
    }

    /** An address when the text is a dotted quad, else a name. */
    static Target parse(String text) {
        return Ipv4Address.isValid(text) ? new Address(Ipv4Address.parse(text)) : new Named(text);
    }
}
