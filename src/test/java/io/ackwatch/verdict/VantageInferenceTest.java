package io.ackwatch.verdict;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.FlowFacts;
import io.ackwatch.analysis.FlowScript;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class VantageInferenceTest {
    private static VantageInference.Result infer(FlowScript s) {
        return VantageInference.infer(FlowFacts.of(s.build()), Thresholds.defaults(), true);
    }

    @Test
    void nextToTheClientTheSynAckGapHoldsTheRoundTrip() {
        VantageInference.Result r = infer(FlowScript.printer().ttl(128, 64).syn(0).synAck(12).ack(12.05));
        assertThat(r.vantage()).isEqualTo(Vantage.CLIENT);
        assertThat(r.reasons()).singleElement().asString().contains("12 ms after the SYN");
    }

    @Test
    void nextToThePrinterTheAckGapHoldsTheRoundTrip() {
        assertThat(infer(FlowScript.printer().ttl(128, 64).syn(0).synAck(0.06).ack(12)).vantage())
                .isEqualTo(Vantage.SERVER);
    }

    @Test
    void ttlsAgreeingWithTheHandshakeAreBothGivenAsReasons() {
        VantageInference.Result r = infer(FlowScript.printer().ttl(128, 62).syn(0).synAck(12).ack(12.05));
        assertThat(r.vantage()).isEqualTo(Vantage.CLIENT);
        assertThat(r.reasons()).hasSize(2);
    }

    @Test
    void bothSidesRoutedAndBothGapsLongIsTheMiddle() {
        assertThat(infer(FlowScript.printer().ttl(126, 61).syn(0).synAck(6).ack(12)).vantage())
                .isEqualTo(Vantage.MIDDLE);
    }

    @Test
    void aFewRoutersFromTheClientIsStillTheClientSide() {
        VantageInference.Result r = infer(FlowScript.printer().ttl(126, 53).syn(0).synAck(72).ack(72.7));
        assertThat(r.vantage()).isEqualTo(Vantage.CLIENT);
        assertThat(r.reasons().get(1)).contains("a few hops");
    }

    @Test
    void ttlAloneDecidesWhenTheHandshakeIsMissing() {
        FlowScript s = FlowScript.printer().ttl(127, 64).data(C, 100, 0).ackAll(S, 1);
        assertThat(infer(s).vantage()).isEqualTo(Vantage.SERVER);
    }

    @Test
    void sameSubnetWithInstantAnswersCannotTell() {
        assertThat(infer(FlowScript.printer().ttl(128, 64).syn(0).synAck(0.01).ack(0.02)).vantage())
                .isEqualTo(Vantage.UNKNOWN);
    }

    @Test
    void ttlsPlaceTheCaptureAndALateSynAckMeansASlowPrinter() {
        VantageInference.Result r = infer(FlowScript.printer().ttl(127, 64).syn(0).synAck(700).ack(700.3));
        assertThat(r.vantage()).isEqualTo(Vantage.SERVER);
        assertThat(r.reasons().get(1)).contains("the printer itself was slow to answer");
    }

    @Test
    void loopbackIsAmbiguous() {
        FlowScript s = new FlowScript(new Endpoint("127.0.0.1", 50000), new Endpoint("127.0.0.1", 9100)).syn(0)
                .synAck(5).ack(5.01);
        assertThat(infer(s).vantage()).isEqualTo(Vantage.UNKNOWN);
    }

    @Test
    void segmentsLargerThanThePeersMssWereCapturedOnTheSendingHost() {
        FlowScript s = FlowScript.printer().mss(1460, 1460).ttl(127, 64).syn(0).synAck(0.05).ack(10)
                .data(C, 4380, 11).ackAll(S, 12);
        VantageInference.Result r = infer(s);
        assertThat(r.vantage()).isEqualTo(Vantage.CLIENT);
        assertThat(r.reasons().get(0)).contains("4380 bytes");
    }

    @Test
    void aggregateTakesTheMajorityOfKnownVantages() {
        assertThat(VantageInference.aggregate(List.of(Vantage.CLIENT, Vantage.UNKNOWN, Vantage.CLIENT,
                Vantage.SERVER))).isEqualTo(Vantage.CLIENT);
        assertThat(VantageInference.aggregate(List.of(Vantage.CLIENT, Vantage.SERVER))).isEqualTo(Vantage.UNKNOWN);
        assertThat(VantageInference.aggregate(List.of(Vantage.UNKNOWN))).isEqualTo(Vantage.UNKNOWN);
        assertThat(VantageInference.aggregate(List.of())).isEqualTo(Vantage.UNKNOWN);
    }
}
