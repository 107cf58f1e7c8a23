package io.ackwatch.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * For {@code --privacy}: replaces user, host and job/document names by stable pseudonyms such as
 * {@code user-3fa2c1d0}, so a ticket can leave the company and still show that two connections carried the
 * same user's job. The pseudonym is a truncated SHA-256 of a fixed prefix, the field kind and the value;
 * the same value gives the same pseudonym in every run and on every machine.
 */
public final class JobPrivacy {
    /** Changing this changes every pseudonym; it separates ackwatch's hashes from plain SHA-256 tables. */
    private static final String PREFIX = "ackwatch-privacy-v1\u0000";
    /** Hex digits kept: 32 bits, enough to tell a site's users and jobs apart. */
    private static final int HEX_DIGITS = 8;

    private JobPrivacy() {}

    /** The same job with user, host and name replaced, also where printer messages quote them. */
    public static JobInfo anonymize(JobInfo job) {
        if (job == null) {
            return null;
        }
        String name = pseudonym("job", job.name());
        String user = pseudonym("user", job.user());
        String host = pseudonym("host", job.host());
        List<String> messages = new ArrayList<>(job.printerMessages().size());
        for (String m : job.printerMessages()) {
            messages.add(replace(replace(replace(m, job.name(), name), job.user(), user), job.host(), host));
        }
        return new JobInfo(job.language(), name, user, host, job.operation(), job.clientBytes(),
                job.acknowledgedBytes(), job.complete(), messages);
    }

    /** {@code kind-xxxxxxxx} for a value, null for null. */
    public static String pseudonym(String kind, String value) {
        if (value == null) {
            return null;
        }
        byte[] digest = sha256(PREFIX + kind + "\u0000" + value);
        return kind + "-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    }

    private static String replace(String text, String value, String pseudonym) {
        return value == null || value.isEmpty() ? text : text.replace(value, pseudonym);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // every Java runtime must provide SHA-256 (MessageDigest javadoc)
            throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
        }
    }
}
