package io.ackwatch.verdict;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;

/** Orders address texts numerically: IPv4 before IPv6, then by value; unparsable text last, alphabetically. */
final class AddressOrder implements Comparator<String> {
    static final AddressOrder INSTANCE = new AddressOrder();

    @Override
    public int compare(String a, String b) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        if (x == null || y == null) {
            return x == null && y == null ? a.compareTo(b) : x == null ? 1 : -1;
        }
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return new BigInteger(1, x).compareTo(new BigInteger(1, y));
    }

    /** Address bytes for an IP literal; null otherwise (never a DNS lookup: only digits, dots, hex and colons). */
    private static byte[] bytes(String text) {
        if (!text.matches("[0-9a-fA-F:.]+") || text.indexOf(':') < 0 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
