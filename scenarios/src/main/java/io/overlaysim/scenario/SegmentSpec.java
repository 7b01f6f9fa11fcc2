package io.overlaysim.scenario;

import java.util.List;

/** A shared Layer-2 segment: a switch joining many devices. */
public record SegmentSpec(String name, List<DeviceRef> endpoints, ChannelSpec channel, SourceLocation at) {
}
