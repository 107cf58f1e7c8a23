package io.ackwatch.flow;

/** Which way a segment travelled. */
public enum Direction {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT;

    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
