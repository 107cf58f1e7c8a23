package io.ackwatch.cli;

import io.ackwatch.job.JobPrivacy;
import io.ackwatch.job.JobPrivacy.KeySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The key of the {@code --privacy} pseudonyms: the file {@code --privacy-key-file} names, else the environment
 * variable {@value #ENVIRONMENT}, else a random one. Never an option's value: a key typed on the command line
 * stays in the shell's history and shows in {@code ps}.
 */
final class PrivacyKey {
    static final String ENVIRONMENT = "ACKWATCH_PRIVACY_KEY";
    /** A shorter key could be found by trying keys against a pseudonym of a likely name. */
    static final int MIN_BYTES = 16;
    /** A key file larger than this is some other file named by mistake. */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private PrivacyKey() {}

    /**
     * The pseudonyms of this run, or null when names are shown.
     *
     * @param privacy {@code --privacy} given
     * @param keyFile {@code --privacy-key-file}, null when not given (given, it implies {@code --privacy})
     * @param environmentKey the value of {@value #ENVIRONMENT}, null when unset
     */
    static JobPrivacy choose(boolean privacy, Path keyFile, String environmentKey) {
        if (keyFile != null) {
            return keyed(read(keyFile), KeySource.KEY_FILE, "--privacy-key-file " + OneLine.of(keyFile.toString()));
        }
        if (!privacy) {
            return null;
        }
        if (environmentKey != null) {
            return keyed(environmentKey.getBytes(StandardCharsets.UTF_8), KeySource.ENVIRONMENT, ENVIRONMENT);
        }
        return JobPrivacy.randomKey();
    }

    private static JobPrivacy keyed(byte[] raw, KeySource source, String where) {
        // "echo secret > key" and "printf secret > key" mean the same key
        int n = raw.length;
        while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r')) {
            n--;
        }
        byte[] key = Arrays.copyOf(raw, n);
        Arrays.fill(raw, (byte) 0);
        try {
            if (n == 0) {
                throw new UsageProblem(where + " is empty; put a secret of at least " + MIN_BYTES + " bytes there");
            }
            if (n < MIN_BYTES) {
                throw new UsageProblem(where + " holds " + n + " bytes; a key that short could be guessed, use at least "
                        + MIN_BYTES + " (e.g. head -c 32 /dev/urandom | base64)");
            }
            return JobPrivacy.withKey(key, source);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] read(Path file) {
        String name = "--privacy-key-file " + OneLine.of(file.toString());
        try {
            if (Files.isDirectory(file)) {
                throw new UsageProblem(name + " is a folder; name the file that holds the key");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UsageProblem(name + " is larger than " + MAX_FILE_BYTES + " bytes; is it the key file?");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageProblem(name + ": no such file; check the path");
        } catch (AccessDeniedException e) {
            throw new UsageProblem(name + ": permission denied; make it readable by this user");
        } catch (IOException e) {
            throw new UsageProblem(name + ": cannot read it: " + OneLine.of(String.valueOf(e.getMessage())));
        }
    }
}
