package lstmexplorer.service;

import java.util.List;
import lstmexplorer.train.Progress;

/**
 * A model as listed by the API. {@code traceable} says whether it has weights to look into (always
 * for ready models; sometimes for cancelled or interrupted runs, which keep the weights they reached).
 * A model of a user dataset has {@code datasetKind} (text or lines), its {@code testAccuracy} is the
 * next-character accuracy and {@code bitsPerCharacter} the held-out bits per character; it has no
 * generalization accuracy. {@code steps} is how many training steps the weights had (a stopped run's
 * are those it reached); {@code queue} is the place in line while its training waits for a worker.
 */
public record ModelInfo(String id, String task, String cell, int hidden, int layers, int parameters, List<String> vocab,
                        boolean gallery, ModelStatus status, Double testAccuracy, Double generalizationAccuracy, Integer steps,
                        String createdAt, String jobId, Progress progress, JobService.QueuePlace queue, String error, String name,
                        String source, boolean traceable, String datasetKind, Double bitsPerCharacter) {}
