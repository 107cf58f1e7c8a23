package io.ackwatch.capture;

/**
 * The libpcap shared library could not be loaded, so neither {@code --reader libpcap} nor {@code --filter}
 * can work. The message is the one line to show the user.
 */
public final class LibpcapUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    static final String MESSAGE = "libpcap is not installed; install it (Debian/Ubuntu: apt-get install libpcap0.8) "
            + "or run without --filter/--reader libpcap";

    LibpcapUnavailableException(Throwable cause) {
        super(MESSAGE + " (" + Damage.oneLine(cause.toString()) + ")", cause);
    }

    /** The one-line advice without the technical cause. */
    public String advice() {
        return MESSAGE;
    }
}
