package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --privacy} keeps the user and job names of the testdata print jobs (taken from the generator's
 * sidecars, not from our output) out of every report format, and puts the stable pseudonyms
 * ({@code user-xxxxxxxx}, {@code job-xxxxxxxx}) where the plain report shows a user or a job name. The
 * whole testdata folder is analyzed with {@code --verbose}, so healthy connections are listed too.
 */
class PrivacyTest {
    private static final Pattern USER_PSEUDONYM = Pattern.compile("user-[0-9a-f]{8}");
    private static final Pattern JOB_PSEUDONYM = Pattern.compile("job-[0-9a-f]{8}");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "json", "junit", "markdown", "html"})
    void privacyRemovesSidecarUsersAndJobNames(String format) {
        Testdata.assumePresent();
        Set<String> users = new TreeSet<>();
        Set<String> jobNames = new TreeSet<>();
        for (Path capture : Testdata.captures()) {
            for (Sidecar.Connection c : Sidecar.of(capture).connections()) {
                if (c.jobUser() != null) {
                    users.add(c.jobUser());
                }
                if (c.jobName() != null) {
                    jobNames.add(c.jobName());
                }
            }
        }
        assertThat(users).as("users in the testdata sidecars").isNotEmpty();

        CliRun plain = CliRun.of("analyze", "--verbose", "--format", format, Testdata.ROOT.toString());
        CliRun hidden = CliRun.of("analyze", "--verbose", "--privacy", "--format", format, Testdata.ROOT.toString());
        assertThat(hidden.exitCode()).as(hidden.describe()).isEqualTo(plain.exitCode()).isIn(0, 1);

        assertThat(shown(hidden.out(), users)).as("sidecar users in the --privacy " + format + " report").isEmpty();
        assertThat(shown(hidden.out(), jobNames)).as("sidecar job names in the --privacy " + format + " report")
                .isEmpty();
        if (!shown(plain.out(), users).isEmpty()) {
            assertThat(hidden.out()).as("the " + format + " report shows users; with --privacy as pseudonyms")
                    .containsPattern(USER_PSEUDONYM);
        }
        if (!shown(plain.out(), jobNames).isEmpty()) {
            assertThat(hidden.out()).as("the " + format + " report shows job names; with --privacy as pseudonyms")
                    .containsPattern(JOB_PSEUDONYM);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "markdown", "html"})
    void pseudonymsAreTheSameInEveryFormat(String format) {
        Testdata.assumePresent();
        Set<String> inJson = pseudonyms(CliRun.of("analyze", "--privacy", "--format", "json", "testdata").out());
        Set<String> inFormat = pseudonyms(CliRun.of("analyze", "--verbose", "--privacy", "--format", format,
                "testdata").out());
        assertThat(inFormat).as("pseudonyms in " + format).isNotEmpty();
        assertThat(inJson).as("the JSON report knows every pseudonym the " + format + " report shows")
                .containsAll(inFormat);
    }

    /** The strings that occur as whole words (so that user "ned" does not match "returned"). */
    private static Set<String> shown(String report, Set<String> strings) {
        Set<String> found = new TreeSet<>();
        for (String s : strings) {
            if (Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(s) + "(?![A-Za-z0-9])").matcher(report).find()) {
                found.add(s);
            }
        }
        return found;
    }

    private static Set<String> pseudonyms(String report) {
        Set<String> found = new TreeSet<>();
        for (Pattern p : new Pattern[] {USER_PSEUDONYM, JOB_PSEUDONYM}) {
            Matcher m = p.matcher(report);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }
}
