package lstmexplorer.service;

/**
 * Something that happened to a job, as sent to event-stream listeners: {@code progress} with a
 * {@link lstmexplorer.train.Progress}, or the final {@code done}, {@code failed} or {@code cancelled}
 * with the {@link JobSnapshot}.
 */
public record JobEvent(String name, Object data, boolean terminal) {}
