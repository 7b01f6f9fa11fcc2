package io.overlaysim.engine;

/**
 * Event counts of one simulation since its creation.
 *
 * @param scheduled   events scheduled (including those cancelled later)
 * @param dispatched  events run
 * @param cancelled   events cancelled before they ran
 * @param pending     events waiting now
 * @param peakPending the largest number of events ever waiting at once
 */
public record EngineStatistics(long scheduled, long dispatched, long cancelled, int pending, int peakPending) {}
