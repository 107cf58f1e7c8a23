package io.ackwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the generator did for one capture ({@code NAME.expected.json}): ground truth written before ackwatch ran. */
record Sidecar(String vantage, List<Connection> connections) {

    /**
     * One connection; {@code jobUser}/{@code jobName} are null when the sidecar has no job object, {@code scanner}
     * when it is no scan's probe.
     */
    record Connection(String client, String server, String verdict, List<String> rules, String jobName,
            String jobUser, String scanner) {
        boolean probe() {
            return scanner != null;
        }
    }

    /** The connections that are print jobs, not a scan's probes. */
    List<Connection> jobs() {
        return connections.stream().filter(c -> !c.probe()).toList();
    }

    /** The scanning sources, each once. */
    Set<String> scanners() {
        Set<String> out = new TreeSet<>();
        connections.forEach(c -> {
            if (c.probe()) {
                out.add(c.scanner());
            }
        });
        return out;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Sidecar of(Path capture) {
        try {
            JsonNode root = MAPPER.readTree(Testdata.sidecar(capture).toFile());
            List<Connection> connections = new ArrayList<>();
            for (JsonNode c : root.path("connections")) {
                List<String> rules = new ArrayList<>();
                c.path("rules").forEach(r -> rules.add(r.asText()));
                JsonNode job = c.path("job");
                connections.add(new Connection(c.path("client").asText(), c.path("server").asText(),
                        c.path("verdict").asText(), List.copyOf(rules),
                        job.hasNonNull("name") ? job.get("name").asText() : null,
                        job.hasNonNull("user") ? job.get("user").asText() : null,
                        c.path("probe").asBoolean(false) ? c.get("scanner").asText() : null));
            }
            return new Sidecar(root.path("vantage").asText(), List.copyOf(connections));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
