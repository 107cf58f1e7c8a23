package io.ackwatch.job;

import static io.ackwatch.job.PrintJobs.ascii;
import static io.ackwatch.job.PrintJobs.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.job.JobPrivacy.KeySource;
import io.ackwatch.job.JobPrivacy.NameKind;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobPrivacyTest {
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final JobPrivacy KEYED = JobPrivacy.withKey(KEY, KeySource.KEY_FILE);

    @Test
    void pseudonymsAreHmacSha256UnderTheKeyCutTo12HexDigits() {
        // pinned with Python: hmac.new(b"0123456789abcdef", b"user\0alice", hashlib.sha256).hexdigest()[:12]
        assertThat(KEYED.pseudonym(NameKind.USER, "alice")).isEqualTo("user-69667e0df153");
        assertThat(JobPrivacy.withKey(KEY, KeySource.ENVIRONMENT).pseudonym(NameKind.USER, "alice"))
                .as("the same key, wherever it came from").isEqualTo("user-69667e0df153");
        assertThat(KEYED.pseudonym(NameKind.JOB, "Q3-report.pdf")).matches("job-[0-9a-f]{12}");
        assertThat(KEYED.pseudonym(NameKind.HOST, "ws12")).matches("host-[0-9a-f]{12}");
        assertThat(KEYED.pseudonym(NameKind.USER, null)).isNull();
    }

    @Test
    void withoutTheKeyAPseudonymCannotBeTestedAgainstAListOfNames() {
        JobPrivacy other = JobPrivacy.withKey("another key of 16+ bytes".getBytes(StandardCharsets.US_ASCII),
                KeySource.KEY_FILE);
        assertThat(other.pseudonym(NameKind.USER, "alice")).isNotEqualTo(KEYED.pseudonym(NameKind.USER, "alice"));
        JobPrivacy run1 = JobPrivacy.randomKey();
        JobPrivacy run2 = JobPrivacy.randomKey();
        assertThat(run1.keySource()).isEqualTo(KeySource.RANDOM);
        assertThat(run1.pseudonym(NameKind.USER, "alice")).as("the same key within a run")
                .isEqualTo(run1.pseudonym(NameKind.USER, "alice"))
                .as("a new key in each run").isNotEqualTo(run2.pseudonym(NameKind.USER, "alice"));
    }

    @Test
    void theSameTextAsUserAndAsJobNameGivesUnrelatedPseudonyms() {
        assertThat(KEYED.pseudonym(NameKind.USER, "alice").substring(5))
                .isNotEqualTo(KEYED.pseudonym(NameKind.JOB, "alice").substring(4));
    }

    @Test
    void differentValuesDoNotCollideAndNothingOfTheValueShows() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String p = KEYED.pseudonym(NameKind.USER, "user" + i);
            assertThat(p).doesNotContain("user" + i);
            seen.add(p);
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void theReportNoteSaysAcrossWhichRunsPseudonymsMatchAndNeverTheKey() {
        assertThat(KeySource.RANDOM.note()).contains("random key", "only in the reports of this run");
        assertThat(KeySource.KEY_FILE.note()).contains("--privacy-key-file", "in every run with that key");
        assertThat(KeySource.ENVIRONMENT.note()).contains("ACKWATCH_PRIVACY_KEY", "in every run with that key");
        assertThat(KeySource.KEY_FILE.reportName()).isEqualTo("key-file");
    }

    @Test
    void rawJobNamesAlsoWhereThePrinterEchoesThemEvenCutOrShoutedOrFromALosingSource() {
        // PJL names the job "Quarterly report.doc"; the PostScript inside calls itself "Q4 draft" for "jsmith2"
        byte[] client = concat(ascii(PrintJobs.UEL + "@PJL JOB NAME=\"Quarterly report.doc\"\r\n"
                + "@PJL SET USERNAME=\"jsmith\"\r\n@PJL SET HOSTNAME=\"WS-FIN-07\"\r\n"
                + "@PJL ENTER LANGUAGE=POSTSCRIPT\r\n"), PrintJobs.barePostScript("Q4 draft", "jsmith2"),
                ascii(PrintJobs.UEL));
        byte[] server = concat(PrintJobs.ustatus("10023", "PRINTING QUARTERLY R", true),
                ascii("%%[ job: Q4 draft; status: printing ]%%\r\n"),
                ascii("@PJL USTATUS JOB\r\nEND\r\nNAME=\"Quarterly report.doc\"\r\nPAGES=3\r\n\f"),
                PrintJobs.ustatus("40010", "JSMITH2: TONER LOW AT ws-fin-07", true));
        JobInfo plain = new JobReader().read(Flows.flow(client, server, client.length), "raw");
        JobInfo hidden = new JobReader(KEYED).read(Flows.flow(client, server, client.length), "raw");
        assertThat(plain.describe()).contains("Quarterly report.doc", "jsmith", "PRINTING QUARTERLY R", "Q4 draft",
                "JSMITH2", "ws-fin-07");

        assertThat(hidden.name()).isEqualTo(KEYED.pseudonym(NameKind.JOB, "Quarterly report.doc"));
        assertThat(hidden.user()).isEqualTo(KEYED.pseudonym(NameKind.USER, "jsmith"));
        assertThat(hidden.host()).isEqualTo(KEYED.pseudonym(NameKind.HOST, "WS-FIN-07"));
        assertThat(hidden.describe().toLowerCase()).doesNotContain("quarterly", "jsmith", "q4 draft", "ws-fin");
        assertThat(hidden.printerMessages()).as("codes and status words stay").contains(
                "10023 PRINTING " + KEYED.pseudonym(NameKind.JOB, "Quarterly report.doc"),
                "job: " + KEYED.pseudonym(NameKind.JOB, "Q4 draft") + "; status: printing",
                "job end, 3 pages",
                "40010 " + KEYED.pseudonym(NameKind.USER, "jsmith2") + ": TONER LOW AT "
                        + KEYED.pseudonym(NameKind.HOST, "WS-FIN-07"));
    }

    @Test
    void ippNamesInAnyRequestOrReplyAndInStatusMessages() {
        byte[] create = PrintJobs.ippPost(PrintJobs.ippRequest(0x0005, 1, "alice", "Payroll March", new byte[0]), 512);
        byte[] send = PrintJobs.ippPost(PrintJobs.ippRequest(0x0006, 2, "alice", null, PrintJobs.pdf("x", 100)), 512);
        byte[] getJobs = PrintJobs.ippPost(PrintJobs.ippRequest(0x000A, 3, "alice", null, new byte[0]), 512);
        byte[] listing = concat(PrintJobs.ippHeader(0, 3), new byte[] {0x01},
                PrintJobs.text(0x47, "attributes-charset", "utf-8"),
                PrintJobs.text(0x41, "status-message", "1 job ahead: Severance letter for bob"), new byte[] {0x02},
                PrintJobs.text(0x42, "job-name", "Severance letter"),
                PrintJobs.text(0x42, "job-originating-user-name", "bob"), new byte[] {0x03});
        byte[] client = concat(create, send, getJobs);
        byte[] server = concat(PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 1, "Job Payroll March queued")),
                PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 2, null)),
                PrintJobs.ippReply(200, "OK", listing));
        JobInfo plain = new JobReader().read(Flows.flow(client, server, client.length), "ipp");
        JobInfo hidden = new JobReader(KEYED).read(Flows.flow(client, server, client.length), "ipp");
        assertThat(plain.describe()).contains("Payroll March", "alice", "Severance letter for bob");
        assertThat(hidden.describe()).doesNotContain("Payroll", "alice", "Severance", "bob")
                .contains("Create-Job: Job " + KEYED.pseudonym(NameKind.JOB, "Payroll March") + " queued",
                        "Get-Jobs: 1 job ahead: " + KEYED.pseudonym(NameKind.JOB, "Severance letter") + " for "
                                + KEYED.pseudonym(NameKind.USER, "bob"));
    }

    @Test
    void lpdControlFileNamesAndQueueListingsOfOtherPeoplesJobs() {
        PrintJobs.LpdSession lpd = PrintJobs.lpd("lp", "wkst721", "alice", "Q3.pdf", PrintJobs.pdf("x", 1000));
        byte[] refusal = concat(new byte[] {0}, ascii("\u0001queue lp disabled for alice on wkst721\n"));
        JobInfo hidden = new JobReader(KEYED).read(Flows.flow(lpd.client(), refusal, lpd.client().length), "lpd");
        assertThat(hidden.describe()).doesNotContain("alice", "wkst721", "Q3.pdf")
                .contains("LPD refused (ack 1): queue lp disabled for " + KEYED.pseudonym(NameKind.USER, "alice"));

        byte[] query = ascii("\u0003lp\n");
        byte[] listing = ascii("active  carol  12  Minutes board meeting  4096 bytes\n");
        JobInfo plain = new JobReader().read(Flows.flow(query, listing, query.length), "lpd");
        JobInfo withheld = new JobReader(KEYED).read(Flows.flow(query, listing, query.length), "lpd");
        assertThat(plain.printerMessages()).containsExactly("active  carol  12  Minutes board meeting  4096 bytes");
        assertThat(withheld.printerMessages()).as("names this connection never carried cannot be recognised")
                .containsExactly("queue listing withheld (--privacy)");
    }

    @Test
    void unknownFieldsStayUnknown() {
        byte[] client = PrintJobs.pclPages(4000, 1);
        JobInfo hidden = new JobReader(KEYED).read(Flows.flow(client, new byte[0], client.length), "raw");
        assertThat(hidden.name()).isNull();
        assertThat(hidden.user()).isNull();
        assertThat(hidden.host()).isNull();
    }
}
