package io.overlaysim.node;

/** A socket's {@code IP_MTU_DISCOVER} setting: whether its packets carry DF and may be fragmented locally. */
public enum Pmtudisc {
    /** DF on packets that fit the path MTU; larger ones are fragmented locally without DF (the default). */
    WANT,
    /** DF always; a datagram larger than the path MTU is refused with EMSGSIZE ({@code ping -M do}). */
    DO,
    /** No DF; fragment as needed ({@code ping -M dont}). */
    DONT
}
