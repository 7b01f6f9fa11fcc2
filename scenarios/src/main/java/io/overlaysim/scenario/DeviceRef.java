package io.overlaysim.scenario;

/**
 * A device of a node, written {@code NODE/DEVICE}; a pod's device is {@code NODE/POD/DEVICE}
 * (the device is after the last slash, and device names never hold one).
 */
public record DeviceRef(String node, String device) {
    /** Splits {@code worker01/enp1s0} or {@code worker01/pod-0/eth0} at the last slash. */
    public static DeviceRef parse(String text) {
        int slash = text.lastIndexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("expected a device as NODE/DEVICE, found \"" + text + "\"");
        }
        return new DeviceRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return node + "/" + device;
    }
}
