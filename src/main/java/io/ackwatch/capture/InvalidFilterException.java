package io.ackwatch.capture;

/** A capture filter expression libpcap cannot compile; the message names the expression and libpcap's reason. */
public final class InvalidFilterException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidFilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
