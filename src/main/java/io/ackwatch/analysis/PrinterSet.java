package io.ackwatch.analysis;

import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.FlowInterest;
import io.ackwatch.job.JobReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which servers are printers.
 *
 * <p>By default any server on TCP port 9100-9102 (raw / JetDirect), 515 (LPD) or 631 (IPP).
 * {@code --printer-port} replaces that port list. {@code --printer ADDR[:PORT]} (repeatable; IPv6 as
 * {@code [addr]:port} or a bare address) narrows the printers to the named hosts: {@code ADDR} means that host
 * on any printer port, {@code ADDR:PORT} that host on exactly that port, even one outside the port list.
 */
public final class PrinterSet implements FlowInterest {
    /** Default printer ports: raw 9100-9102 (JetDirect's three ports), LPD 515 (RFC 1179), IPP 631 (RFC 8010). */
    public static final List<Integer> DEFAULT_PORTS = List.of(9100, 9101, 9102, 515, 631);

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Integer> ports;
    /** The same, as primitives: every connection is tested, and a boxed port above 127 is an allocation. */
    private final int[] portNumbers;
    /** Host keys (address bytes in hex) named without a port; empty with {@link #hostPorts} = no restriction. */
    private final Set<String> hosts;
    /** "key/port" for hosts named with a port. */
    private final Set<String> hostPorts;
    /** The --printer values as given, to name the ones that match nothing. */
    private final List<String> givenPrinters;
    /** The --printer-port values as given (empty with the default ports). */
    private final List<Integer> givenPorts;

    private PrinterSet(List<Integer> ports, Set<String> hosts, Set<String> hostPorts, List<String> givenPrinters,
            List<Integer> givenPorts) {
        this.ports = List.copyOf(ports);
        this.portNumbers = this.ports.stream().mapToInt(Integer::intValue).toArray();
        this.hosts = Set.copyOf(hosts);
        this.hostPorts = Set.copyOf(hostPorts);
        this.givenPrinters = List.copyOf(givenPrinters);
        this.givenPorts = List.copyOf(givenPorts);
    }

    public static PrinterSet defaults() {
        return new PrinterSet(DEFAULT_PORTS, Set.of(), Set.of(), List.of(), List.of());
    }

    /**
     * Printers as given on the command line.
     *
     * @param printerSpecs {@code --printer} values: {@code 10.0.2.9}, {@code 10.0.2.9:9100},
     *     {@code [2001:db8::9]:631} or {@code 2001:db8::9}; empty = every host on a printer port
     * @param printerPorts {@code --printer-port} values replacing the default ports; empty = defaults
     * @throws IllegalArgumentException for an address that is not an IP literal or a port out of range
     */
    public static PrinterSet of(List<String> printerSpecs, List<Integer> printerPorts) {
        List<Integer> ports = new ArrayList<>();
        for (Integer p : printerPorts) {
            ports.add(checkPort(p, String.valueOf(p)));
        }
        if (ports.isEmpty()) {
            ports.addAll(DEFAULT_PORTS);
        }
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> hostPorts = new LinkedHashSet<>();
        for (String spec : printerSpecs) {
            parseSpec(spec.trim(), hosts, hostPorts);
        }
        return new PrinterSet(ports, hosts, hostPorts, printerSpecs.stream().map(String::trim).toList(), printerPorts);
    }

    /** Whether {@code --printer} or {@code --printer-port} named anything, so that {@link #unmatched} can say. */
    public boolean named() {
        return !givenPrinters.isEmpty() || !givenPorts.isEmpty();
    }

    /**
     * The {@code --printer} and {@code --printer-port} values, as options ({@code --printer 10.0.2.99}), that
     * name none of these servers: a typo there otherwise looks like a capture of healthy printers, because it
     * leaves nothing to judge.
     */
    public List<String> unmatched(Collection<Endpoint> servers) {
        if (givenPrinters.isEmpty() && givenPorts.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String spec : givenPrinters) {
            PrinterSet alone = of(List.of(spec), givenPorts);
            if (servers.stream().noneMatch(alone::isPrinter)) {
                out.add("--printer " + spec);
            }
        }
        for (int port : givenPorts) {
            if (servers.stream().noneMatch(s -> s.port() == port && isPrinter(s))) {
                out.add("--printer-port " + port);
            }
        }
        return out;
    }

    /** The printer ports in force, in the order given. */
    public List<Integer> ports() {
        return ports;
    }

    public boolean isPrinter(Endpoint server) {
        if (hosts.isEmpty() && hostPorts.isEmpty()) {
            return isPrinterPort(server.port());
        }
        String key = addressKey(server.address());
        if (key == null) {
            return false;
        }
        return hostPorts.contains(key + "/" + server.port()) || hosts.contains(key) && isPrinterPort(server.port());
    }

    /** Hosts named with a port may use one outside the port list; otherwise only the printer ports are analysed. */
    @Override
    public boolean mayWantAnalysis(int portA, int portB) {
        return !hostPorts.isEmpty() || isPrinterPort(portA) || isPrinterPort(portB);
    }

    private boolean isPrinterPort(int port) {
        for (int p : portNumbers) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /** raw, lpd or ipp for a printer by its port; null for a non-printer or a port with no known service. */
    public String service(Endpoint server) {
        if (!isPrinter(server)) {
            return null;
        }
        return serviceOfPort(server.port());
    }

    /** raw (9100-9102), lpd (515), ipp (631), otherwise null. */
    public static String serviceOfPort(int port) {
        if (port == 515) {
            return "lpd";
        }
        if (port == 631) {
            return "ipp";
        }
        return port >= 9100 && port <= 9102 ? "raw" : null;
    }

    @Override
    public boolean wantsDetail(Endpoint client, Endpoint server) {
        return isPrinter(server);
    }

    @Override
    public boolean isService(Endpoint endpoint) {
        return isPrinter(endpoint);
    }

    /**
     * What {@code --all-flows} asks of the flow stage: every connection in detail, but no byte streams for one
     * that can carry no print job (see {@link JobReader#mayCarryJob}); unlike this set, it takes no port for a
     * service when telling client from server, as every connection is judged alike.
     */
    public FlowInterest everyConnection() {
        return new FlowInterest() {
            @Override
            public boolean wantsDetail(Endpoint client, Endpoint server) {
                return true;
            }

            @Override
            public boolean wantsStreams(Endpoint client, Endpoint server, boolean synSeen,
                    ByteStreamSample clientStream) {
                return JobReader.mayCarryJob(service(server), synSeen, clientStream);
            }
        };
    }

    /** Whichever side turns out to be the server, a connection without a printer end is never judged. */
    @Override
    public boolean wantsAnalysis(Endpoint a, Endpoint b) {
        return isPrinter(a) || isPrinter(b);
    }

    private static void parseSpec(String spec, Set<String> hosts, Set<String> hostPorts) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty --printer value");
        }
        String address;
        Integer port = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in printer '" + spec + "'");
            }
            address = spec.substring(1, close);
            String rest = spec.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected [addr]:port, got '" + spec + "'");
                }
                port = parsePort(rest.substring(1), spec);
            }
        } else if (spec.indexOf(':') != spec.lastIndexOf(':')) {
            address = spec; // bare IPv6
        } else if (spec.indexOf(':') > 0) {
            address = spec.substring(0, spec.indexOf(':'));
            port = parsePort(spec.substring(spec.indexOf(':') + 1), spec);
        } else {
            address = spec;
        }
        String key = addressKey(address);
        if (key == null) {
            throw new IllegalArgumentException("printer '" + spec + "' is not an IPv4 or IPv6 address");
        }
        if (port == null) {
            hosts.add(key);
        } else {
            hostPorts.add(key + "/" + port);
        }
    }

    private static int parsePort(String text, String spec) {
        try {
            return checkPort(Integer.parseInt(text), spec);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in printer '" + spec + "'", e);
        }
    }

    private static int checkPort(int port, String spec) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535 in '" + spec + "'");
        }
        return port;
    }

    /**
     * The address bytes in hex, so that {@code 2001:DB8:0::9} and {@code 2001:db8::9} match; null when the
     * text is not an IP literal. Literals only: a host name would need DNS, which an offline tool must not do.
     */
    static String addressKey(String text) {
        String t = text.trim();
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (IPV4.matcher(t).matches()) {
            for (String octet : t.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        } else if (t.indexOf(':') < 0 || !t.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
