package io.overlaysim.scenario;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The physical properties of a link or segment; empty ones take the executor's defaults.
 *
 * @param lossPercent probability 0..100 that a frame is lost
 * @param queue drop-tail queue length in packets
 * @param mtu MTU of the attached devices that set none
 */
public record ChannelSpec(Optional<Bandwidth> bandwidth, Optional<Duration> delay, double lossPercent,
        OptionalInt queue, OptionalInt mtu) {
    public static final ChannelSpec DEFAULT =
            new ChannelSpec(Optional.empty(), Optional.empty(), 0, OptionalInt.empty(), OptionalInt.empty());
}
