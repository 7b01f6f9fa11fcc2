package io.overlaysim.scenario;

import java.util.List;

/**
 * Which devices to capture and how.
 *
 * @param all every device of every node (then {@code devices} is empty)
 * @param perDevice one file per device, else one pcapng file for everything
 * @param comments pcapng packet comments naming the step that produced each packet
 */
public record CaptureSpec(boolean all, List<DeviceRef> devices, Format format, boolean perDevice, int snaplen,
        boolean comments) {
    public static final int DEFAULT_SNAPLEN = 262144;

    /** The capture file format. */
    public enum Format { PCAP, PCAPNG }
}
