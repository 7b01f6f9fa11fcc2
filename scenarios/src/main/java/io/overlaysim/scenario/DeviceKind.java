package io.overlaysim.scenario;

/** A device kind, as {@code ip link add ... type KIND} names it. */
public enum DeviceKind {
    ETHERNET("ethernet"),
    VETH("veth"),
    LOOPBACK("loopback"),
    BRIDGE("bridge"),
    IPIP("ipip"),
    VXLAN("vxlan");

    private final String yamlName;

    DeviceKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name written in scenario files. */
    public String yamlName() {
        return yamlName;
    }

    public static DeviceKind of(String yamlName) {
        for (DeviceKind k : values()) {
            if (k.yamlName.equals(yamlName)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown device kind: " + yamlName);
    }
}
