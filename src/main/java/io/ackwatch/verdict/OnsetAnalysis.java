package io.ackwatch.verdict;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.flow.Oddity;
import io.ackwatch.flow.SideStats;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.job.PjlCommandKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a printer's onset (its first degraded or failed connection, after at least one that was not) and ranks
 * what reached the printer before it by how new it was to the printer.
 *
 * <p>New is measured against the printer's own earlier traffic in the same capture, never against a fixed list
 * alone: for each connection before the onset, what its client sent that no earlier connection to the printer had
 * sent. Features and their weights:
 * <ul>
 * <li>{@value #STRONG}: a packet {@link Oddity} first seen (urgent data, ECN, reserved flags, an unknown TCP option,
 *     IP options or fragments, DSCP, flags no stack sends, a reset before its data was acknowledged, data beyond
 *     the receiver's window), or the first scan of the printer: odd input of the kinds firmware is known
 *     to hang on;
 * <li>{@value #STRONG} also: PJL commands first seen of which one changes the printer itself (DEFAULT, RESET,
 *     the file system, device management) or is no PJL command ({@link PjlCommandKind});
 * <li>{@value #WEAK} each: a new client, a job language first seen, PJL job-header commands first seen (one
 *     feature however many), a job more than twice the largest before, a TTL
 *     first seen, a SYN with options first seen: ordinary things that are only new.
 * </ul>
 * The first {@value #MIN_BASELINE} connections only set the baseline (everything is new in them). The evidence
 * bar is a score of {@value #BAR}: one odd input, or three ordinary novelties together; nothing above it means no
 * trigger found. Candidates rank by score, then a client present only near the onset before one present
 * throughout, then the one closer to the onset.
 */
public final class OnsetAnalysis {
    static final int STRONG = 3;
    static final int WEAK = 1;
    static final int BAR = 3;
    static final int MIN_BASELINE = 2;
    /** A job this many times the largest before it is unusually large. */
    private static final int LARGE_JOB_FACTOR = 2;

    private OnsetAnalysis() {}

    /**
     * The onset of one printer, or null when none of its connections was degraded or failed, or the first one
     * already was (the capture holds no healthy period to compare with).
     *
     * @param inStartOrder the printer's connections by start (then stream)
     * @param scans the scans of the printer, by start
     */
    static Onset of(List<FlowVerdict> inStartOrder, List<PrinterScan> scans) {
        int onsetIndex = -1;
        for (int i = 0; i < inStartOrder.size(); i++) {
            Verdict v = inStartOrder.get(i).verdict();
            if (v == Verdict.DEGRADED || v == Verdict.FAILED) {
                onsetIndex = i;
                break;
            }
        }
        if (onsetIndex <= 0) {
            return null; // never bad, or bad from the first connection on: no change from ok to see
        }
        FlowVerdict first = inStartOrder.get(onsetIndex);
        long onset = first.startNanos();
        long healthyStart = inStartOrder.get(0).startNanos();
        List<ClientActivity> clients = clients(inStartOrder, onset, healthyStart);
        Set<String> latecomers = new HashSet<>();
        for (ClientActivity c : clients) {
            if (!c.presentThroughout()) {
                latecomers.add(c.address());
            }
        }

        List<Scored> found = new ArrayList<>();
        Baseline baseline = new Baseline();
        long packetsBefore = 0;
        for (int i = 0; i < onsetIndex; i++) {
            FlowVerdict v = inStartOrder.get(i);
            TcpFlow f = v.flow();
            packetsBefore += f.packets();
            List<Feature> features = i >= MIN_BASELINE ? baseline.newIn(f, v.job()) : List.of();
            baseline.add(f, v.job());
            if (!features.isEmpty()) {
                List<Long> frames = new ArrayList<>();
                features.forEach(x -> frames.addAll(x.frames()));
                found.add(new Scored(OnsetCandidate.Kind.CONNECTION, f.client().address(), f.stream(),
                        f.startNanos(), frames, Evidence.filter(f.stream(), frames), features));
            }
        }
        int scansBefore = 0;
        for (PrinterScan s : scans) {
            if (s.startNanos() >= onset) {
                continue;
            }
            scansBefore++;
            if (scansBefore == 1 && !s.streams().isEmpty()) {
                List<Long> streams = new ArrayList<>();
                s.streams().forEach(x -> streams.add((long) x));
                found.add(new Scored(OnsetCandidate.Kind.SCAN, s.source(), s.streams().get(0), s.startNanos(),
                        List.of(), Evidence.streamFilter(streams), List.of(new Feature(STRONG,
                        "a scan of the printer: " + Evidence.count(s.connections(), "probe") + " to port"
                                + (s.ports().size() == 1 ? " " : "s ") + join(s.ports())
                                + ", the first in this capture", List.of()))));
            }
        }
        found.sort(Comparator.comparingInt(Scored::score).reversed()
                .thenComparing(s -> !latecomers.contains(s.client()))
                .thenComparing(Comparator.comparingLong(Scored::startNanos).reversed())
                .thenComparingInt(Scored::stream));
        List<OnsetCandidate> ranked = new ArrayList<>();
        int below = 0;
        for (Scored s : found) {
            if (s.score() >= BAR) {
                ranked.add(s.candidate(ranked.size() + 1, onset, inStartOrder, latecomers.contains(s.client()),
                        ranked.isEmpty() ? null : ranked.get(0)));
            } else {
                below++;
            }
        }
        return new Onset(onset, first.stream(), first.verdict(), healthyStart, onsetIndex, packetsBefore, scansBefore,
                ranked, below, clients);
    }

    private static List<ClientActivity> clients(List<FlowVerdict> inStartOrder, long onset, long healthyStart) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // jobs, ok, degraded, failed, incomplete
        Map<String, Long> firstJob = new LinkedHashMap<>();
        for (FlowVerdict v : inStartOrder) {
            String client = v.flow().client().address();
            int[] n = counts.computeIfAbsent(client, k -> new int[5]);
            firstJob.putIfAbsent(client, v.startNanos());
            n[0]++;
            n[switch (v.verdict()) {
                case OK -> 1;
                case DEGRADED -> 2;
                case FAILED -> 3;
                case INCOMPLETE -> 4;
            }]++;
        }
        long half = healthyStart + (onset - healthyStart) / 2;
        List<ClientActivity> out = new ArrayList<>();
        counts.forEach((client, n) -> {
            long start = firstJob.get(client);
            out.add(new ClientActivity(client, n[0], n[1], n[2], n[3], n[4], start, onset - start,
                    start <= half && start < onset));
        });
        return out;
    }

    private static String join(List<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        for (int p : ports) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p);
        }
        return sb.toString();
    }

    /** What is new about a connection or scan: a phrase, its weight, the frames that show it. */
    private record Feature(int weight, String phrase, List<Long> frames) {}

    /** What the printer had seen from its clients so far. */
    private static final class Baseline {
        int oddities;
        final Set<String> clients = new HashSet<>();
        final Set<String> languages = new HashSet<>();
        final Set<String> pjlCommands = new HashSet<>();
        final Set<Integer> ttls = new HashSet<>();
        final Set<String> synOptions = new HashSet<>();
        long largestJob;
        int connections;

        List<Feature> newIn(TcpFlow f, JobInfo job) {
            List<Feature> out = new ArrayList<>();
            SideStats c = f.clientSide();
            c.oddities().firstFrameByOddity().forEach((o, frame) -> {
                if ((oddities & (1 << o.ordinal())) == 0) {
                    out.add(new Feature(STRONG, o.description() + " in frame " + frame
                            + ", never before in this capture's " + Evidence.count(connections, "connection")
                            + " to the printer", List.of(frame)));
                }
            });
            if (!clients.contains(f.client().address())) {
                out.add(new Feature(WEAK, "a new client (" + f.client().address() + "'s first connection to the"
                        + " printer)", List.of()));
            }
            if (job != null && job.language() != null && !languages.contains(job.language())) {
                out.add(new Feature(WEAK, "the first " + job.language() + " job", List.of()));
            }
            if (job != null) {
                newPjlCommands(job).ifPresent(out::add);
            }
            long bytes = f.clientBytes();
            if (largestJob > 0 && bytes > LARGE_JOB_FACTOR * largestJob) {
                out.add(new Feature(WEAK, "a job of " + Evidence.count(bytes, "byte") + ", more than twice the"
                        + " largest before (" + Evidence.count(largestJob, "byte") + ")", List.of()));
            }
            if (c.minTtl() >= 0 && !ttls.isEmpty() && (!ttls.contains(c.minTtl()) || !ttls.contains(c.maxTtl()))) {
                out.add(new Feature(WEAK, "TTL " + (c.minTtl() == c.maxTtl() ? c.minTtl()
                        : c.minTtl() + "–" + c.maxTtl()) + ", not seen before", List.of()));
            }
            String syn = synOptions(c);
            if (syn != null && !synOptions.isEmpty() && !synOptions.contains(syn)) {
                out.add(new Feature(WEAK, "SYN options " + syn + ", not seen before", List.of()));
            }
            out.sort(Comparator.comparingInt(Feature::weight).reversed());
            return out;
        }

        /**
         * The job's PJL commands that no earlier job sent, as one feature: strong when one of them changes the
         * printer itself or is no PJL command at all (firmware code a driver's header never reaches), else weak.
         */
        private Optional<Feature> newPjlCommands(JobInfo job) {
            List<String> fresh = new ArrayList<>();
            PjlCommandKind oddest = PjlCommandKind.JOB_HEADER;
            for (String command : job.pjlCommands()) {
                if (!pjlCommands.contains(command)) {
                    fresh.add(("@PJL " + command).strip());
                    PjlCommandKind kind = PjlCommandKind.of(command);
                    oddest = kind.compareTo(oddest) > 0 ? kind : oddest;
                }
            }
            if (fresh.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Feature(oddest.odd() ? STRONG : WEAK, (fresh.size() == 1 ? "PJL command "
                    : "PJL commands ") + String.join(", ", fresh) + ", never before at this printer"
                    + (oddest.odd() ? " (" + oddest.description() + ")" : ""), List.of()));
        }

        void add(TcpFlow f, JobInfo job) {
            connections++;
            SideStats c = f.clientSide();
            oddities |= c.oddities().mask();
            clients.add(f.client().address());
            if (job != null && job.language() != null) {
                languages.add(job.language());
            }
            if (job != null) {
                pjlCommands.addAll(job.pjlCommands());
            }
            largestJob = Math.max(largestJob, f.clientBytes());
            if (c.minTtl() >= 0) {
                ttls.add(c.minTtl());
                ttls.add(c.maxTtl());
            }
            String syn = synOptions(c);
            if (syn != null) {
                synOptions.add(syn);
            }
        }

        private static String synOptions(SideStats c) {
            if (c.syn() == 0) {
                return null;
            }
            return "(MSS " + c.mss() + ", window scale " + c.windowScale() + (c.sackPermitted() ? ", SACK" : "")
                    + (c.timestamps() ? ", timestamps" : "") + ")";
        }
    }

    /** A connection or scan with something new, before ranking. */
    private record Scored(OnsetCandidate.Kind kind, String client, int stream, long startNanos, List<Long> frames,
            String filter, List<Feature> features) {

        int score() {
            int s = 0;
            for (Feature f : features) {
                s += f.weight();
            }
            return s;
        }

        OnsetCandidate candidate(int rank, long onset, List<FlowVerdict> inStartOrder, boolean latecomer,
                OnsetCandidate top) {
            List<String> unusual = new ArrayList<>();
            StringBuilder weights = new StringBuilder();
            for (Feature f : features) {
                unusual.add(f.phrase());
                weights.append(weights.length() == 0 ? "" : " + ").append(f.weight());
            }
            List<Long> between = new ArrayList<>();
            for (FlowVerdict v : inStartOrder) {
                if (v.startNanos() > startNanos && v.startNanos() < onset && v.stream() != stream) {
                    between.add((long) v.stream());
                }
            }
            StringBuilder why = new StringBuilder();
            why.append("score ").append(score());
            if (features.size() > 1) {
                why.append(" (").append(weights).append(')');
            }
            why.append(features.get(0).weight() == STRONG
                    ? ": odd input of a kind printer firmware is known to hang on, new to this printer"
                    : ": only ordinary things that were new to this printer");
            if (top != null) {
                why.append(top.score() > score() ? "; below candidate 1's score of " + top.score()
                        : "; as high as candidate 1, ranked after it (a client present only near the onset, then the"
                        + " one closer to the onset, ranks first)");
            } else if (latecomer) {
                why.append("; its client was present only near the onset");
            }
            why.append("; ").append(Evidence.duration(onset - startNanos)).append(" before the onset");
            if (!between.isEmpty()) {
                why.append(", with ").append(Evidence.count(between.size(), "connection")).append(" (")
                        .append(between.size() == 1 ? "stream " + between.get(0)
                                : Evidence.streamFilter(between).replace("tcp.stream in ", "streams "))
                        .append(") in between");
            }
            return new OnsetCandidate(rank, kind, client, stream, startNanos, frames, filter, score(), unusual,
                    why.toString());
        }
    }
}
