package io.overlaysim.bgp;

/**
 * A malformed BGP message: carries the NOTIFICATION that RFC 4271 §6 says to send for it (code,
 * subcode, data) and what BIRD 2, following RFC 7606, does instead for UPDATE attribute errors.
 * The message names the field and what was expected.
 */
public final class BgpDecodeException extends Exception {
    private final transient NotificationMessage notification;
    private final ErrorAction action;
    private final transient UpdateMessage partial;

    public BgpDecodeException(NotificationMessage notification, ErrorAction action, String message) {
        this(notification, action, message, null);
    }

    private BgpDecodeException(NotificationMessage notification, ErrorAction action, String message,
                               UpdateMessage partial) {
        super(message);
        this.notification = notification;
        this.action = action;
        this.partial = partial;
    }

    public BgpDecodeException(ErrorSubcode subcode, byte[] data, String message) {
        this(NotificationMessage.of(subcode, data), ErrorAction.SESSION_RESET, message);
    }

    public BgpDecodeException(ErrorSubcode subcode, String message) {
        this(subcode, new byte[0], message);
    }

    /** The NOTIFICATION of RFC 4271 §6 for this error. */
    public NotificationMessage notification() {
        return notification;
    }

    /** What RFC 7606 (and BIRD 2) do: reset the session, treat as withdraw, or discard the attribute. */
    public ErrorAction action() {
        return action;
    }

    /**
     * For an UPDATE whose action is not a session reset: the UPDATE without the erroneous
     * attributes. Its withdrawn routes and NLRI (and MP_* attributes) are what to withdraw under
     * {@link ErrorAction#TREAT_AS_WITHDRAW}; under {@link ErrorAction#ATTRIBUTE_DISCARD} it is
     * the UPDATE to use.
     */
    public java.util.Optional<UpdateMessage> partialUpdate() {
        return java.util.Optional.ofNullable(partial);
    }

    BgpDecodeException with(ErrorAction a, UpdateMessage partialUpdate) {
        return new BgpDecodeException(notification, a, super.getMessage(), partialUpdate);
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " [NOTIFICATION " + notification + "; " + action + "]";
    }
}
