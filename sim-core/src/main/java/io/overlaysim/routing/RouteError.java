package io.overlaysim.routing;

/** A lookup failure as the kernel reports it: errno name and {@code strerror} text. */
public enum RouteError {
    INVALID_ARGUMENT("EINVAL", 22, "Invalid argument"),
    NO_ROUTE_TO_HOST("EHOSTUNREACH", 113, "No route to host"),
    PERMISSION_DENIED("EACCES", 13, "Permission denied"),
    NETWORK_UNREACHABLE("ENETUNREACH", 101, "Network is unreachable"),
    /** Internal to rule traversal (a {@code throw} route); surfaces as ENETUNREACH. */
    AGAIN("EAGAIN", 11, "Resource temporarily unavailable"),
    NO_SUCH_DEVICE("ENODEV", 19, "No such device"),
    CROSS_DEVICE("EXDEV", 18, "Invalid cross-device link");

    private final String errno;
    private final int number;
    private final String text;

    RouteError(String errno, int number, String text) {
        this.errno = errno;
        this.number = number;
        this.text = text;
    }

    public String errno() {
        return errno;
    }

    public int number() {
        return number;
    }

    /** The text {@code ip route get} prints ({@code strerror}). */
    public String text() {
        return text;
    }
}
