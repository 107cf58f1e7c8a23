package io.ackwatch.job;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * For {@code --privacy}: replaces user, host and job/document names by pseudonyms such as
 * {@code user-3fa2c1d04b7e}, so a ticket can leave the company and still show that two connections carried the
 * same user's job. A pseudonym is HMAC-SHA256 under a key of the field kind and the value: without the key, a
 * list of likely user names cannot be tested against it (a plain hash could be, by anyone).
 *
 * <p>The key is random for each run unless the user gives one; see {@link KeySource}.
 */
public final class JobPrivacy {
    /** 48 bits: among 10,000 names of one kind, two share a pseudonym with a chance of about 1 in 5 million. */
    static final int HEX_DIGITS = 12;
    /** Bytes of a random key: HMAC-SHA256's block-sized key strength is reached at 32. */
    private static final int RANDOM_KEY_BYTES = 32;
    /**
     * Shortest end of a name matched where printer text is cut (a 16-character status display shows "PRINTING
     * QUARTERLY R"); shorter ends would match ordinary words.
     */
    private static final int MIN_CUT_NAME = 6;
    /** Shorter names (an LPD class "A") name nobody, and would replace ordinary words of a message. */
    private static final int MIN_NAME = 2;
    private static final String ALGORITHM = "HmacSHA256";

    /** Where the key came from, which decides across which reports a pseudonym means the same name. */
    public enum KeySource {
        RANDOM("a random key made for this run", false),
        KEY_FILE("the key in --privacy-key-file", true),
        ENVIRONMENT("the key in ACKWATCH_PRIVACY_KEY", true);

        private final String description;
        private final boolean acrossRuns;

        KeySource(String description, boolean acrossRuns) {
            this.description = description;
            this.acrossRuns = acrossRuns;
        }

        /** True when another run with the same key gives the same pseudonyms. */
        public boolean acrossRuns() {
            return acrossRuns;
        }

        /** {@code random}, {@code key-file}, {@code environment}: the JSON report's name. */
        public String reportName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** One sentence for a report's header; never the key. */
        public String note() {
            return "user, host, job and document names are pseudonyms keyed with " + description + ": "
                    + (acrossRuns ? "the same name gives the same pseudonym in every run with that key"
                            : "the same name gives the same pseudonym only in the reports of this run");
        }
    }

    /** The kinds of names hidden, each with the prefix its pseudonyms carry. */
    public enum NameKind {
        JOB, USER, HOST;

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Mac prototype;
    private final KeySource source;

    private JobPrivacy(byte[] key, KeySource source) {
        if (key.length == 0) {
            throw new IllegalArgumentException("empty privacy key");
        }
        this.source = source;
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            // every Java runtime must provide HmacSHA256 (Mac javadoc)
            throw new IllegalStateException(ALGORITHM + " missing from this Java runtime", e);
        }
    }

    /** Pseudonyms under {@code key} (the bytes as given; any length but 0). */
    public static JobPrivacy withKey(byte[] key, KeySource source) {
        return new JobPrivacy(key.clone(), source);
    }

    /** Pseudonyms under a key made now and forgotten with this run. */
    public static JobPrivacy randomKey() {
        byte[] key = new byte[RANDOM_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        JobPrivacy privacy = new JobPrivacy(key, KeySource.RANDOM);
        Arrays.fill(key, (byte) 0);
        return privacy;
    }

    public KeySource keySource() {
        return source;
    }

    /** {@code kind-xxxxxxxxxxxx} for a value, null for null. */
    public String pseudonym(NameKind kind, String value) {
        if (value == null) {
            return null;
        }
        byte[] digest = mac().doFinal((kind.prefix() + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
        return kind.prefix() + "-" + HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2);
    }

    /**
     * The job with its user, host and name replaced, and with every name seen on the connection (also those that
     * lost to a stronger source) replaced where the printer's messages quote it; messages that may list other
     * people's jobs are withheld, since their names were never seen on this connection.
     */
    JobInfo anonymize(JobInfo job, JobFacts facts) {
        List<Map.Entry<String, NameKind>> names = new ArrayList<>(facts.names().entrySet());
        // longest first: "Quarterly report.doc" before a "Quarterly" that is also a name
        names.sort(Comparator.comparingInt((Map.Entry<String, NameKind> e) -> e.getKey().length()).reversed());
        List<String> messages = new ArrayList<>(job.printerMessages().size());
        for (String m : job.printerMessages()) {
            messages.add(facts.listsJobs(m) ? "queue listing withheld (--privacy)" : hideNames(m, names));
        }
        return new JobInfo(job.language(), pseudonym(NameKind.JOB, job.name()), pseudonym(NameKind.USER, job.user()),
                pseudonym(NameKind.HOST, job.host()), job.operation(), job.clientBytes(), job.acknowledgedBytes(),
                job.complete(), messages, job.pjlCommands());
    }

    private String hideNames(String message, List<Map.Entry<String, NameKind>> names) {
        String out = message;
        for (Map.Entry<String, NameKind> name : names) {
            if (name.getKey().length() < MIN_NAME) {
                continue;
            }
            String pseudonym = pseudonym(name.getValue(), name.getKey());
            // whole words only, and in any case: status displays shout
            out = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name.getKey()) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(out).replaceAll(Matcher.quoteReplacement(pseudonym));
            out = hideCutName(out, name.getKey(), pseudonym);
        }
        return out;
    }

    /** A message that ends with the start of a name (a cut status display) gets the pseudonym there. */
    private static String hideCutName(String message, String name, String pseudonym) {
        String lowerMessage = message.toLowerCase(Locale.ROOT);
        String lowerName = name.toLowerCase(Locale.ROOT);
        if (lowerMessage.length() != message.length()) {
            return message; // a letter whose lower case is longer: positions would not match
        }
        for (int n = Math.min(lowerName.length() - 1, lowerMessage.length()); n >= MIN_CUT_NAME; n--) {
            int at = lowerMessage.length() - n;
            if (lowerMessage.startsWith(lowerName.substring(0, n), at)
                    && (at == 0 || !Character.isLetterOrDigit(lowerMessage.charAt(at - 1)))) {
                return message.substring(0, at) + pseudonym;
            }
        }
        return message;
    }

    /** A Mac of its own for the calling thread: judging threads of several files share this object. */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " of this Java runtime cannot be cloned", e);
        }
    }
}
