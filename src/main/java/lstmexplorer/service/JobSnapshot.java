package lstmexplorer.service;

import java.util.List;
import lstmexplorer.train.CurvePoint;
import lstmexplorer.train.Progress;

/**
 * A training job at one moment; immutable, so readers never wait for the training thread.
 *
 * @param queue where a queued job stands in line, and about when it starts; null once it runs
 */
public record JobSnapshot(String id, String modelId, JobStatus status, Progress progress, String error, List<CurvePoint> curve,
                          String createdAt, String startedAt, String finishedAt, JobService.QueuePlace queue) {
    public JobSnapshot {
        curve = List.copyOf(curve);
    }

    JobSnapshot withQueue(JobService.QueuePlace place) {
        return new JobSnapshot(id, modelId, status, progress, error, curve, createdAt, startedAt, finishedAt, place);
    }
}
