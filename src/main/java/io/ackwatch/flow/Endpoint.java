package io.ackwatch.flow;

/**
 * One side of a TCP connection as reports print it: {@code 192.0.2.7:9100} or {@code [2001:db8::7]:9100}.
 * Created once per connection, never per packet.
 */
public record Endpoint(String address, int port) {

    public boolean ipv6() {
        return address.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return ipv6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
