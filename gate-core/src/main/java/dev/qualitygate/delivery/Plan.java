package dev.qualitygate.delivery;

import dev.qualitygate.model.shipyard.ApprovalStrategy;
import dev.qualitygate.model.shipyard.Sequence;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.model.shipyard.ShipyardFormat;
import dev.qualitygate.model.shipyard.Stage;
import dev.qualitygate.model.shipyard.StageStrategies;
import dev.qualitygate.model.shipyard.Task;
import dev.qualitygate.model.shipyard.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stages and sequences a runner executes. A 0.2.x shipyard is taken as written. A 0.1.x shipyard becomes the
 * sequences Keptn 0.6/0.7 ran for it: per stage with a {@code deployment_strategy}, a {@code delivery} sequence of
 * approval (when the stage has an {@code approval_strategy}), deployment, test and evaluation (when it has a
 * {@code test_strategy}), and release, triggered when the previous stage's {@code delivery} finishes (so a stage
 * without a deployment strategy ends the promotion); with {@code blue_green_service}, also a {@code rollback}
 * sequence triggered when its delivery fails.
 */
final class Plan {
    private final List<Stage> stages;

    private Plan(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    static Plan of(Shipyard shipyard) {
        if (shipyard.format() == ShipyardFormat.V0_2) {
            return new Plan(shipyard.stages());
        }
        List<Stage> stages = new ArrayList<>();
        String previous = null;
        for (Stage stage : shipyard.stages()) {
            StageStrategies s = stage.strategies();
            List<Sequence> sequences = new ArrayList<>();
            if (s != null && !s.deployment().isEmpty()) {
                List<Task> tasks = new ArrayList<>();
                ApprovalStrategy approval = s.approval();
                if (approval != null) {
                    tasks.add(new Task("approval", null,
                            Map.of("pass", approval.pass().keyword(), "warning", approval.warning().keyword())));
                }
                tasks.add(new Task("deployment", null, Map.of("deploymentstrategy", s.deployment())));
                if (!s.test().isEmpty()) {
                    tasks.add(new Task("test", null, Map.of("teststrategy", s.test())));
                    tasks.add(Task.of("evaluation"));
                }
                tasks.add(Task.of("release"));
                List<Trigger> on = previous == null ? List.of()
                        : List.of(new Trigger(previous + ".delivery.finished", Map.of()));
                sequences.add(new Sequence("delivery", on, tasks));
                if (s.deployment().equals("blue_green_service")) {
                    Map<String, String> failed = new LinkedHashMap<>();
                    failed.put("result", "fail");
                    sequences.add(new Sequence("rollback",
                            List.of(new Trigger(stage.name() + ".delivery.finished", failed)),
                            List.of(Task.of("rollback"))));
                }
                previous = stage.name();
            } else {
                previous = null;
            }
            stages.add(new Stage(stage.name(), sequences, null));
        }
        return new Plan(stages);
    }

    List<Stage> stages() {
        return stages;
    }

    Optional<Sequence> sequence(String stage, String name) {
        return stages.stream().filter(s -> s.name().equals(stage)).findFirst().flatMap(s -> s.sequence(name));
    }
}
