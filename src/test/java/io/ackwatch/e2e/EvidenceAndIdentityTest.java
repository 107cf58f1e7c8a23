package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.capture.Compressed;
import io.ackwatch.capture.Compression;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The capture's size and SHA-256 in the report are what {@code sha256sum} and the file system say (of the file
 * on disk, compressed or not), and {@code --privacy} keeps the seed capture's job name and user out of every
 * report and evidence file: evidence packets end after their TCP header.
 */
class EvidenceAndIdentityTest {
    private static final List<String> SECRETS = List.of("Quarterly report.doc", "jsmith");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void reportHeaderHasTheSizeAndSha256OfTheFileOnDisk(Compression compression) throws Exception {
        Testdata.assumePresent();
        byte[] plain = Files.readAllBytes(Testdata.SEED);
        Path file = Files.write(tmp.resolve("seed.pcap" + switch (compression) {
            case NONE -> "";
            case GZIP -> ".gz";
            case ZSTD -> ".zst";
        }), compression == Compression.NONE ? plain : Compressed.compress(plain, compression));
        String sha256sum = sha256sum(file);

        JsonNode capture = new ObjectMapper().readTree(CliRun.of("analyze", "--format", "json", file.toString()).out())
                .path("captures").get(0);
        assertThat(capture.path("sha256").asText()).isEqualTo(sha256sum);
        assertThat(capture.path("size_bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(CliRun.of("analyze", file.toString()).out()).containsPattern("\n  file      [0-9.]+ (bytes|kB), SHA-256 "
                + sha256sum + "\n");

        Path evidence = tmp.resolve("evidence");
        CliRun.of("analyze", "--extract", evidence.toString(), file.toString());
        Path pcapng = Files.list(evidence).findFirst().orElseThrow();
        assertThat(new String(Files.readAllBytes(pcapng), StandardCharsets.UTF_8))
                .as("the section comment of " + pcapng + " names the same file identity")
                .contains(Files.size(file) + " bytes, SHA-256 " + sha256sum);
    }

    @Test
    void privacyKeepsJobAndUserNamesOutOfReportsAndEvidence() throws Exception {
        Testdata.assumePresent();
        Path plain = tmp.resolve("plain");
        CliRun.of("analyze", "--extract", plain.toString(), Testdata.SEED.toString());
        assertThat(contains(onlyFile(plain), SECRETS.get(1))).as("without --privacy the evidence has the user"
                + " (else this test could not fail)").isTrue();

        Path reports = tmp.resolve("reports");
        Path evidence = tmp.resolve("evidence");
        CliRun run = CliRun.of("analyze", "--privacy", "--extract", evidence.toString(), "--output-dir",
                reports.toString(), "--format", "text,json,junit,markdown,html", Testdata.SEED.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        List<Path> outputs = new ArrayList<>();
        for (Path dir : List.of(reports, evidence)) {
            try (Stream<Path> files = Files.list(dir)) {
                outputs.addAll(files.toList());
            }
        }
        assertThat(outputs).hasSize(6);
        for (Path output : outputs) {
            for (String secret : SECRETS) {
                assertThat(contains(output, secret)).as(secret + " in " + output).isFalse();
            }
        }
        assertThat(run.err()).doesNotContain(SECRETS);

        assumeTrue(Tshark.available(), "tshark not installed; the frame check of the --privacy evidence is"
                + " skipped (apt-get install tshark)");
        Tshark frames = Tshark.run(List.of("-r", onlyFile(evidence).toString(), "-T", "fields", "-E",
                "separator=/t", "-e", "frame.len", "-e", "frame.cap_len", "-e", "tcp.len", "-e", "tcp.hdr_len",
                "-e", "ip.hdr_len"));
        assertThat(frames.exitCode()).isZero();
        assertThat(frames.lines()).hasSize(10);
        for (String line : frames.lines()) {
            String[] f = line.split("\t");
            int headers = 14 + Integer.parseInt(f[4]) + Integer.parseInt(f[3]);
            assertThat(Integer.parseInt(f[1])).as("captured length = Ethernet, IP and TCP headers: " + line)
                    .isEqualTo(headers);
            assertThat(Integer.parseInt(f[0])).as("original length kept: " + line)
                    .isEqualTo(headers + Integer.parseInt(f[2]));
        }
    }

    private static Path onlyFile(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static boolean contains(Path file, String text) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }

    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.substring(0, 64);
    }
}
