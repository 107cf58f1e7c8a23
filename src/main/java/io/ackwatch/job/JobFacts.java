package io.ackwatch.job;

import io.ackwatch.job.JobPrivacy.NameKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one reader learnt about a job; fields stay null when unknown. A name or user set once is kept:
 * readers offer the strongest source first (the spooler's own words before document metadata).
 */
final class JobFacts {
    /** Printer messages kept per connection; a status poll can repeat the same reply for hours. */
    static final int MAX_MESSAGES = 16;
    /** Names remembered for {@code --privacy}; a connection carries a handful. */
    private static final int MAX_NAMES = 64;

    String language;
    String name;
    String user;
    String host;
    String operation;
    Boolean complete;
    private final List<String> messages = new ArrayList<>();
    /** Every name seen on the connection, chosen or not, and messages that may list other people's jobs. */
    private final Map<String, NameKind> names = new LinkedHashMap<>();
    private final Set<String> listings = new HashSet<>();
    private final Set<String> pjlCommands = new LinkedHashSet<>();

    void offerName(String value) {
        String v = noteName(NameKind.JOB, value);
        if (name == null) {
            name = v;
        }
    }

    void offerUser(String value) {
        String v = noteName(NameKind.USER, value);
        if (user == null) {
            user = v;
        }
    }

    void offerHost(String value) {
        String v = noteName(NameKind.HOST, value);
        if (host == null) {
            host = v;
        }
    }

    /** A name the report does not show as the job's, but which --privacy must hide where a message quotes it. */
    String noteName(NameKind kind, String value) {
        String v = Text.clean(value);
        if (v != null && names.size() < MAX_NAMES) {
            names.putIfAbsent(v, kind);
        }
        return v;
    }

    /** Takes on the names and PJL commands an inner reader (a document inside LPD or IPP) saw. */
    void noteInner(JobFacts inner) {
        inner.names.forEach((value, kind) -> noteName(kind, value));
        inner.pjlCommands.forEach(this::notePjlCommand);
    }

    /** A PJL command of the job's header, by its {@link PjlLine#key()}; the first {@value JobInfo#MAX_PJL_COMMANDS}. */
    void notePjlCommand(String key) {
        if (pjlCommands.size() < JobInfo.MAX_PJL_COMMANDS) {
            pjlCommands.add(key);
        }
    }

    void addMessage(String message) {
        String m = Text.clean(message);
        if (m != null && !messages.contains(m) && messages.size() < MAX_MESSAGES) {
            messages.add(m);
        }
    }

    /** A message that may name other people's jobs (a queue listing): --privacy cannot know those names. */
    void addListing(String message) {
        String m = Text.clean(message);
        if (m != null) {
            listings.add(m);
        }
        addMessage(m);
    }

    List<String> messages() {
        return messages;
    }

    Map<String, NameKind> names() {
        return names;
    }

    boolean listsJobs(String message) {
        return listings.contains(message);
    }

    boolean knowsAnything() {
        return language != null || name != null || user != null || host != null || operation != null
                || !messages.isEmpty();
    }

    JobInfo toJobInfo(long clientBytes, long acknowledgedBytes) {
        return new JobInfo(language, name, user, host, operation, clientBytes, acknowledgedBytes, complete, messages,
                List.copyOf(pjlCommands));
    }
}
