package io.overlaysim.replay;

/**
 * Something the import had to say about the dumps, in words a network engineer reads:
 * what it inferred, where dumps contradict each other, and what it could not decide.
 *
 * <pre>{@code
 * INFERRED worker01/vxlan.calico: no ip -d link: Calico VXLAN defaults assumed (VNI 4096, port 4789)
 * }</pre>
 *
 * @param kind inferred, contradiction or ambiguity
 * @param topic what it is about
 * @param subject where: {@code NODE}, {@code NODE/DEVICE} or a prefix
 * @param text the finding, one sentence
 */
public record Finding(Kind kind, Topic topic, String subject, String text) {

    /** How sure the import is. */
    public enum Kind {
        /** Missing from the dumps and filled in, with the reason. */
        INFERRED,
        /** Two dumps disagree; the first-named one was believed. */
        CONTRADICTION,
        /** More than one reading fits; the one taken is said. */
        AMBIGUITY
    }

    /** What a finding is about. */
    public enum Topic {
        DEVICE, TUNNEL, MTU, ADDRESS, RULES, SEGMENT, GATEWAY, ROUTER, POD, NEIGHBOUR
    }

    @Override
    public String toString() {
        return kind + " " + subject + ": " + text;
    }
}
