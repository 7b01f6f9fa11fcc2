package io.overlaysim.bgp;

/**
 * The timers of a BGP session, in seconds, as BIRD 2 names them: {@code hold time} and
 * {@code keepalive time} offered in the OPEN, {@code connect delay time} before the first
 * connect, {@code connect retry time} between attempts, the hold time used until the OPEN
 * arrives ({@code startup hold time}, RFC 4271 §8.2.2 "large value"), and the
 * {@code error wait time} range a session waits after an error before it starts again.
 *
 * <pre>{@code
 * BgpTimers t = BgpTimers.CALICO.withHold(9, 3);  // as in the corpus captures
 * }</pre>
 */
public record BgpTimers(int hold, int keepalive, int connectDelay, int connectRetry, int startupHold,
                        int errorWaitMin, int errorWaitMax, int errorAmnesia) {
    /** BIRD 2's defaults (proto/bgp/config.Y): 240/80, connect delay 5, retry 120, error wait 60..300. */
    public static final BgpTimers BIRD = new BgpTimers(240, 80, 5, 120, 240, 60, 300, 300);
    /** Calico's templates: BIRD's hold and keepalive, {@code connect delay time 2}, {@code connect retry time 5}. */
    public static final BgpTimers CALICO = new BgpTimers(240, 80, 2, 5, 240, 60, 300, 300);

    public BgpTimers {
        if (hold != 0 && hold < 3 || keepalive < 0 || connectDelay < 0 || connectRetry < 1 || startupHold < 3
                || errorWaitMin < 0 || errorWaitMax < errorWaitMin || errorAmnesia < 0) {
            throw new IllegalArgumentException("hold 0 or >= 3, keepalive >= 0, connect retry >= 1, startup hold >= 3,"
                    + " 0 <= error wait min <= max expected");
        }
    }

    public BgpTimers withHold(int holdTime, int keepaliveTime) {
        return new BgpTimers(holdTime, keepaliveTime, connectDelay, connectRetry, startupHold, errorWaitMin,
                errorWaitMax, errorAmnesia);
    }

    public BgpTimers withConnect(int delay, int retry) {
        return new BgpTimers(hold, keepalive, delay, retry, startupHold, errorWaitMin, errorWaitMax, errorAmnesia);
    }

    public BgpTimers withErrorWait(int min, int max) {
        return new BgpTimers(hold, keepalive, connectDelay, connectRetry, startupHold, min, max, errorAmnesia);
    }

    /**
     * The keepalive interval for a negotiated hold time: the configured keepalive scaled by
     * negotiated/configured hold, or a third of the hold time when none is configured (RFC 4271
     * §10; BIRD's {@code bgp_rx_open}); 0 when the hold time is 0 (no keepalives).
     */
    public int keepaliveFor(int negotiatedHold) {
        if (negotiatedHold == 0) {
            return 0;
        }
        int k = keepalive != 0 && hold != 0 ? (int) ((long) keepalive * negotiatedHold / hold) : negotiatedHold / 3;
        return Math.max(1, k);
    }
}
