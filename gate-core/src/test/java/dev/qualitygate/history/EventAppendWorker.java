package dev.qualitygate.history;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The main class of the child JVMs in {@link FileEventLogProcessTest}: appends large events to one run of a
 * {@link FileEventLog} until killed, starting at the run's current length. Prints {@code OK <sequence>;} each time
 * an append has returned true.
 */
final class EventAppendWorker {
    private EventAppendWorker() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        FileEventLog log = new FileEventLog(Path.of(args[0]));
        String run = args[1];
        String padding = "x".repeat(Integer.parseInt(args[2]));
        for (int sequence = log.events(run).size(); ; sequence++) {
            String id = run + "-" + sequence;
            String time = Instant.now().toString();
            LoggedEvent event = new LoggedEvent(run, sequence, id, "sh.keptn.event.test.finished", Instant.parse(time),
                    "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"sh.keptn.event.test.finished\","
                            + "\"time\":\"" + time + "\",\"shkeptncontext\":\"" + run + "\",\"data\":{\"padding\":\""
                            + padding + "\"}}");
            if (!log.append(event)) {
                out.println("LOST " + sequence + ";");
                System.exit(2);
            }
            out.println("OK " + sequence + ";");
        }
    }
}
