package lstmexplorer.service;

import java.util.List;
import lstmexplorer.train.CurvePoint;
import lstmexplorer.train.Progress;

/** A training job at one moment; immutable, so readers never wait for the training thread. */
public record JobSnapshot(String id, String modelId, JobStatus status, Progress progress, String error, List<CurvePoint> curve,
                          String createdAt, String startedAt, String finishedAt) {
    public JobSnapshot {
        curve = List.copyOf(curve);
    }
}
