package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.testsupport.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a fresh JVM: the built-in reader never loads pcap4j (JNA only, for libcrypto's SHA-256), a JNA that cannot
 * load its native part leaves the hash to the JDK without a word, and a missing libpcap gives the one-line
 * advice instead of a stack trace.
 */
class NativeIsolationTest {

    /** Entry point of the child JVM: {@code builtin FILE} reads a capture; {@code libpcap FILE} tries libpcap. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("builtin")) {
            try (CaptureReader reader = CaptureFiles.open(Path.of(args[1]))) {
                PacketRecord r = new PacketRecord();
                long n = 0;
                while (reader.next(r)) {
                    n++;
                }
                System.out.println("frames=" + n);
                System.out.println("sha256=" + reader.identity().sha256());
                System.out.println("engine=" + Sha256Engine.best());
            }
            return;
        }
        try (CaptureReader reader = LibpcapReader.open(Path.of(args[1]))) {
            System.out.println("opened");
        } catch (LibpcapUnavailableException e) {
            System.out.println("reader: " + e.advice());
        }
        try (BpfFilter filter = BpfFilter.compile("tcp")) {
            System.out.println("compiled");
        } catch (LibpcapUnavailableException e) {
            System.out.println("filter: " + e.getMessage().replace('\n', ' '));
        }
    }

    private static List<String> runChild(List<String> jvmOptions, String... args) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(NativeIsolationTest.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void builtinReaderLoadsNoPcap4j() throws Exception {
        Path capture = Corpus.capture("ssh-dups.pcap").path();
        List<String> out = runChild(List.of("-Xlog:class+load=info"), "builtin", capture.toString());
        assertThat(out).contains("frames=377");
        assertThat(out).noneMatch(l -> l.contains("org.pcap4j"));
    }

    @Test
    void withoutJnaTheJdkHashesQuietly() throws Exception {
        Path capture = Corpus.capture("ssh-dups.pcap").path();
        // JNA finds no libjnidispatch: not unpacked from its jar, and none on the (empty) boot path
        List<String> out = runChild(List.of("-Djna.nounpack=true", "-Djna.nosys=true",
                "-Djna.boot.library.path=/nonexistent", "-Dlogback.configurationFile=/nonexistent.xml"),
                "builtin", capture.toString());
        assertThat(out).contains("frames=377", "engine=JDK",
                "sha256=" + FileIdentityTest.sha256(java.nio.file.Files.readAllBytes(capture)));
        assertThat(out).noneMatch(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception"));
    }

    @Test
    void missingLibpcapGivesOneLineOfAdvice() throws Exception {
        Path capture = Corpus.capture("ssh-dups.pcap").path();
        List<String> out = runChild(List.of("-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap-missing.so",
                "-Djna.nosys=true"), "libpcap", capture.toString());
        assertThat(out).contains("reader: " + LibpcapUnavailableException.MESSAGE);
        assertThat(out).anyMatch(l -> l.startsWith("filter: " + LibpcapUnavailableException.MESSAGE));
    }
}
