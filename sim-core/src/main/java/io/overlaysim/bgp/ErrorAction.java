package io.overlaysim.bgp;

/**
 * What a speaker does with a malformed UPDATE under RFC 7606 (revised error handling), which
 * BIRD 2 implements ({@code bgp_decode_attrs}, {@code bgp_decode_attr} in proto/bgp/attrs.c):
 * only framing and NLRI errors still reset the session; most attribute errors withdraw the
 * routes of the UPDATE; a few only drop the attribute.
 */
public enum ErrorAction {
    /** Send the NOTIFICATION and close (RFC 4271 §6; RFC 7606 §2 "session reset"). */
    SESSION_RESET,
    /** Keep the session; handle the UPDATE's NLRI as withdrawn (RFC 7606 §2). */
    TREAT_AS_WITHDRAW,
    /** Keep the session; ignore the attribute and use the rest of the UPDATE (RFC 7606 §2). */
    ATTRIBUTE_DISCARD
}
