package io.overlaysim.scenario;

import java.util.Optional;

/** A point-to-point link between two devices. */
public record LinkSpec(Optional<String> name, DeviceRef a, DeviceRef b, ChannelSpec channel, SourceLocation at) {
}
