package io.overlaysim.replay;

/** Dumps that cannot make a node or a cluster (no route dump, two folders for one node): the message says why. */
public final class ReplayException extends RuntimeException {
    public ReplayException(String message) {
        super(message);
    }
}
