package io.ackwatch.job;

import java.util.ArrayList;
import java.util.List;

/**
 * What one reader learnt about a job; fields stay null when unknown. A name or user set once is kept:
 * readers offer the strongest source first (the spooler's own words before document metadata).
 */
final class JobFacts {
    /** Printer messages kept per connection; a status poll can repeat the same reply for hours. */
    static final int MAX_MESSAGES = 16;

    String language;
    String name;
    String user;
    String host;
    String operation;
    Boolean complete;
    private final List<String> messages = new ArrayList<>();

    void offerName(String value) {
        if (name == null) {
            name = Text.clean(value);
        }
    }

    void offerUser(String value) {
        if (user == null) {
            user = Text.clean(value);
        }
    }

    void offerHost(String value) {
        if (host == null) {
            host = Text.clean(value);
        }
    }

    void addMessage(String message) {
        String m = Text.clean(message);
        if (m != null && !messages.contains(m) && messages.size() < MAX_MESSAGES) {
            messages.add(m);
        }
    }

    List<String> messages() {
        return messages;
    }

    boolean knowsAnything() {
        return language != null || name != null || user != null || host != null || operation != null
                || !messages.isEmpty();
    }

    JobInfo toJobInfo(long clientBytes, long acknowledgedBytes) {
        return new JobInfo(language, name, user, host, operation, clientBytes, acknowledgedBytes, complete, messages);
    }
}
