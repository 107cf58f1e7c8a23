package io.ackwatch.job;

import io.ackwatch.job.JobPrivacy.NameKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads an IPP (port 631) connection: the HTTP POST requests with {@code Content-Type: application/ipp},
 * their operation and job attributes, and the matching responses' HTTP status and IPP status-code.
 */
final class IppJobReader {
    /** Requests followed per connection (CUPS polls, then prints, on one keep-alive connection). */
    private static final int MAX_MESSAGES = 64;
    private static final byte[] LAST_CHUNK = Text.ascii("\r\n0\r\n\r\n");
    private static final String IPP_TYPE = "application/ipp";

    private IppJobReader() {}

    /** True when the head opens with an HTTP request declaring an IPP body. */
    static boolean looksLikeIpp(byte[] head) {
        if (!HttpMessage.startsRequest(head, 0)) {
            return false;
        }
        HttpMessage m = HttpMessage.parse(StreamView.ofBytes(head, head.length), 0, false);
        return m != null && m.contentType().equals(IPP_TYPE);
    }

    /** An HTTP request and, when it is IPP, its IPP message. */
    private record Request(HttpMessage http, IppMessage ipp) {}

    static JobFacts read(StreamView client, StreamView server, long acknowledged) {
        JobFacts facts = new JobFacts();
        List<Request> requests = new ArrayList<>();
        for (HttpMessage http : messages(client, false)) {
            requests.add(new Request(http, http.contentType().equals(IPP_TYPE) ? IppMessage.parse(http.body()) : null));
        }
        int chosen = chooseJobRequest(requests);
        if (chosen < 0) {
            return facts; // HTTP but no IPP: a browser on the printer's web page, not a job
        }
        List<HttpMessage> responses = messages(server, true).stream().filter(r -> !r.informational()).toList();
        Request job = requests.get(chosen);
        facts.operation = IppNames.operation(job.ipp().code());
        for (String attribute : new String[] {"job-name", "document-name"}) {
            for (Request r : requests) {
                if (r.ipp() != null) {
                    facts.offerName(r.ipp().attribute(attribute));
                }
            }
        }
        for (Request r : requests) {
            if (r.ipp() != null) {
                facts.offerUser(r.ipp().attribute("requesting-user-name"));
                facts.offerHost(r.ipp().attribute("job-originating-host-name"));
                facts.noteName(NameKind.USER, r.ipp().attribute("job-originating-user-name"));
            }
        }
        readDocument(job, facts);
        HttpMessage[] paired = pairResponses(requests, responses);
        for (int i = 0; i < requests.size(); i++) {
            IppMessage other = i == chosen ? null : requests.get(i).ipp();
            describeResponse(paired[i], other == null ? "" : IppNames.operation(other.code()) + ": ", facts);
        }
        HttpMessage jobResponse = paired[chosen];
        if (IppNames.carriesDocument(job.ipp().code())) {
            facts.complete = complete(job, chosen == requests.size() - 1, client, jobResponse, acknowledged);
        }
        return facts;
    }

    /**
     * The document's language (and, as a fallback, its title) from the data after the attributes, else
     * from the document-format attribute; "IPP" when neither tells.
     */
    private static void readDocument(Request job, JobFacts facts) {
        IppMessage ipp = job.ipp();
        byte[] body = job.http().body();
        if (ipp.dataOffset() >= 0 && ipp.dataOffset() < body.length) {
            byte[] document = Arrays.copyOfRange(body, ipp.dataOffset(), body.length);
            JobFacts inner = RawJobReader.read(StreamView.ofBytes(document, document.length), -1);
            facts.language = inner.language;
            facts.noteInner(inner);
            facts.offerName(inner.name);
            facts.offerUser(inner.user);
        }
        if (facts.language == null) {
            facts.language = languageOfFormat(ipp.attribute("document-format"));
        }
    }

    private static String languageOfFormat(String mimeType) {
        String type = mimeType == null ? "" : mimeType.strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/pdf" -> DocumentLanguage.PDF.label();
            case "application/postscript" -> DocumentLanguage.POSTSCRIPT.label();
            case "application/vnd.hp-pcl" -> DocumentLanguage.PCL.label();
            case "application/vnd.hp-pclxl" -> DocumentLanguage.PCL_XL.label();
            case "image/pwg-raster" -> "PWG raster";
            case "image/urf" -> "Apple raster";
            default -> "IPP";
        };
    }

    /** The HTTP messages one after another from the start of the stream, as far as their framing is kept. */
    private static List<HttpMessage> messages(StreamView view, boolean responses) {
        List<HttpMessage> out = new ArrayList<>();
        long p = 0;
        while (out.size() < MAX_MESSAGES && p < view.length()) {
            HttpMessage m = HttpMessage.parse(view, p, responses);
            if (m == null) {
                break;
            }
            out.add(m);
            if (m.end() <= p) {
                break;
            }
            p = m.end();
        }
        return out;
    }

    /**
     * The request the job is about: the last one carrying a document (a retry after 401 is the one that
     * counts), else the last Create-Job, else the first IPP request; -1 when there is no IPP request.
     */
    private static int chooseJobRequest(List<Request> requests) {
        int create = -1;
        int first = -1;
        for (int i = requests.size() - 1; i >= 0; i--) {
            IppMessage ipp = requests.get(i).ipp();
            if (ipp == null) {
                continue;
            }
            if (IppNames.carriesDocument(ipp.code())) {
                return i;
            }
            if (ipp.code() == IppNames.CREATE_JOB && create < 0) {
                create = i;
            }
            first = i;
        }
        return create >= 0 ? create : first;
    }

    /**
     * The response to each request, null when none was kept. HTTP/1.1 answers in request order, so the pairing
     * walks both lists forward: a request takes the next response unless that one is an IPP reply to another
     * request-id, in which case it takes the next with its own id (the reply to a request in between was not
     * kept). Each response answers one request only: clients that number every request 1 get each reply in turn.
     */
    private static HttpMessage[] pairResponses(List<Request> requests, List<HttpMessage> responses) {
        HttpMessage[] paired = new HttpMessage[requests.size()];
        int next = 0;
        for (int i = 0; i < requests.size() && next < responses.size(); i++) {
            IppMessage request = requests.get(i).ipp();
            for (int r = next; r < responses.size(); r++) {
                HttpMessage response = responses.get(r);
                IppMessage reply = response.contentType().equals(IPP_TYPE) ? IppMessage.parse(response.body()) : null;
                boolean answers = r == next && (reply == null || request == null)
                        || reply != null && request != null && reply.requestId() == request.requestId();
                if (answers) {
                    paired[i] = response;
                    next = r + 1;
                    break;
                }
            }
        }
        return paired;
    }

    /**
     * Printer messages from one response: HTTP status when not 200, IPP status, status-message, job-id and
     * job-state. Replies to requests other than the job's are marked with their operation
     * ({@code Create-Job: successful-ok}), so that two replies with the same status stay apart.
     *
     * @param prefix "" for the job's request, else the operation answered and a colon
     */
    private static void describeResponse(HttpMessage response, String prefix, JobFacts facts) {
        if (response == null) {
            return;
        }
        if (response.status() != 200) {
            String reason = response.startLine().length() > 13 ? response.startLine().substring(13) : "";
            facts.addMessage(prefix + "HTTP " + response.status() + (reason.isBlank() ? "" : " " + reason.strip()));
        }
        IppMessage reply = response.contentType().equals(IPP_TYPE) ? IppMessage.parse(response.body()) : null;
        if (reply == null) {
            return;
        }
        // a reply to Get-Jobs or Get-Job-Attributes names the job and its owner: --privacy must know them
        facts.noteName(NameKind.JOB, reply.attribute("job-name"));
        facts.noteName(NameKind.JOB, reply.attribute("document-name"));
        facts.noteName(NameKind.USER, reply.attribute("job-originating-user-name"));
        facts.noteName(NameKind.USER, reply.attribute("requesting-user-name"));
        facts.noteName(NameKind.HOST, reply.attribute("job-originating-host-name"));
        facts.addMessage(prefix + IppNames.status(reply.code()));
        String text = reply.attribute("status-message");
        if (text != null) {
            facts.addMessage(prefix + text);
        }
        String job = jobOf(reply);
        if (job != null) {
            facts.addMessage(prefix + job);
        }
    }

    private static String jobStateName(String value) {
        try {
            return IppNames.jobState(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return value; // sent as a keyword rather than the enum RFC 8011 asks for: as the printer wrote it
        }
    }

    /** {@code job-id 7, job-state pending}, either part alone, or null when the reply names no job. */
    private static String jobOf(IppMessage reply) {
        String id = reply.attribute("job-id");
        String state = reply.attribute("job-state");
        String stateName = state == null ? null : jobStateName(state);
        if (id == null) {
            return stateName == null ? null : "job-state " + stateName;
        }
        return "job-id " + id + (stateName == null ? "" : ", job-state " + stateName);
    }

    /**
     * A refusal (HTTP error or IPP error status) makes the job incomplete and an accepted reply complete;
     * with no reply kept, the job is complete when the printer acknowledged the whole request.
     */
    private static Boolean complete(Request job, boolean lastRequest, StreamView client, HttpMessage response,
            long acknowledged) {
        if (response != null) {
            boolean httpOk = response.status() >= 200 && response.status() < 300;
            IppMessage reply = response.contentType().equals(IPP_TYPE) ? IppMessage.parse(response.body()) : null;
            if (!httpOk || reply != null && !IppNames.successful(reply.code())) {
                return Boolean.FALSE;
            }
            if (reply != null) {
                return Boolean.TRUE;
            }
        }
        long end = job.http().end();
        if (end < 0 && lastRequest) {
            // the chunk walk got lost in the middle of a large document: the last chunk marks the end
            StreamView.Run last = client.endRun();
            int at = last == null ? -1 : Text.lastIndexOf(last.bytes(), LAST_CHUNK);
            if (at >= 0) {
                end = last.start() + at + LAST_CHUNK.length;
            } else if (last != null) {
                return Boolean.FALSE; // the stream's end is kept and the document does not end in it
            }
        }
        return end < 0 ? null : acknowledged >= end;
    }
}
