package io.ackwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackwatch.flow.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterSetTest {
    private static Endpoint ep(String addr, int port) {
        return new Endpoint(addr, port);
    }

    @Test
    void defaultPortsAreRawLpdAndIpp() {
        PrinterSet p = PrinterSet.defaults();
        for (int port : List.of(9100, 9101, 9102, 515, 631)) {
            assertThat(p.isPrinter(ep("192.0.2.1", port))).as("port %d", port).isTrue();
        }
        assertThat(p.isPrinter(ep("192.0.2.1", 9103))).isFalse();
        assertThat(p.isPrinter(ep("192.0.2.1", 80))).isFalse();
        assertThat(p.service(ep("192.0.2.1", 9101))).isEqualTo("raw");
        assertThat(p.service(ep("192.0.2.1", 515))).isEqualTo("lpd");
        assertThat(p.service(ep("192.0.2.1", 631))).isEqualTo("ipp");
        assertThat(p.service(ep("192.0.2.1", 80))).isNull();
        assertThat(p.wantsDetail(ep("192.0.2.2", 50000), ep("192.0.2.1", 9100))).isTrue();
        assertThat(p.isService(ep("192.0.2.1", 631))).isTrue();
    }

    @Test
    void printerPortReplacesTheDefaults() {
        PrinterSet p = PrinterSet.of(List.of(), List.of(9200));
        assertThat(p.isPrinter(ep("192.0.2.1", 9200))).isTrue();
        assertThat(p.isPrinter(ep("192.0.2.1", 9100))).isFalse();
        assertThat(p.service(ep("192.0.2.1", 9200))).isNull();
    }

    @Test
    void printerAddressesNarrowToThoseHosts() {
        PrinterSet p = PrinterSet.of(List.of("10.0.2.9", "10.0.2.10:8000", "[2001:DB8:0::9]:631"), List.of());
        assertThat(p.isPrinter(ep("10.0.2.9", 9100))).isTrue();
        assertThat(p.isPrinter(ep("10.0.2.9", 8000))).isFalse();
        assertThat(p.isPrinter(ep("10.0.2.10", 8000))).isTrue();
        assertThat(p.isPrinter(ep("10.0.2.10", 9100))).isFalse();
        assertThat(p.isPrinter(ep("10.0.2.11", 9100))).isFalse();
        assertThat(p.isPrinter(ep("2001:db8::9", 631))).isTrue();
        assertThat(p.isPrinter(ep("2001:db8::9", 9100))).isFalse();
    }

    @Test
    void bareIpv6AddressMeansAnyPrinterPort() {
        PrinterSet p = PrinterSet.of(List.of("fe80::1"), List.of());
        assertThat(p.isPrinter(ep("fe80::1", 9100))).isTrue();
        assertThat(p.isPrinter(ep("fe80:0:0::1", 515))).isTrue();
    }

    @Test
    void namesAndBadPortsAreRejectedWithoutDns() {
        assertThatThrownBy(() -> PrinterSet.of(List.of("printer.example"), List.of()))
                .hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> PrinterSet.of(List.of("999.1.1.1"), List.of()))
                .hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> PrinterSet.of(List.of("10.0.0.1:70000"), List.of())).hasMessageContaining("range");
        assertThatThrownBy(() -> PrinterSet.of(List.of(), List.of(0))).hasMessageContaining("range");
        assertThatThrownBy(() -> PrinterSet.of(List.of("[::1"), List.of())).hasMessageContaining("]");
    }
}
