package lstmexplorer.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Training jobs per client: a client (a remote address) may have at most {@code limit} jobs queued or
 * running; one more is refused with 429 until one of them ends. Clients the limits do not apply to
 * (loopback, by default) are not counted.
 */
public final class ClientJobs {
    /** Seconds a refused client is told to wait: about one evaluation of a short run. */
    public static final int RETRY_AFTER_SECONDS = 10;

    private final JobService jobs;
    private final int limit;
    private final ClientLimits limits;
    private final Map<String, List<String>> byClient = new HashMap<>(); // guarded by this

    public ClientJobs(JobService jobs, ClientLimits limits) {
        this.jobs = jobs;
        this.limit = limits.jobsPerClient();
        this.limits = limits;
    }

    /**
     * Starts a job for a client unless it already has {@code limit} unfinished ones.
     *
     * @param start starts the job and returns its id
     * @throws ServiceException TOO_MANY when the client is at its limit
     */
    public synchronized <T> T start(String client, Supplier<T> start, Function<T, String> jobId) {
        if (limit == 0 || !limits.appliesTo(client)) return start.get();
        List<String> mine = byClient.computeIfAbsent(client, c -> new ArrayList<>());
        mine.removeIf(id -> jobs.find(id).map(j -> j.status().isFinal()).orElse(true));
        if (mine.size() >= limit) {
            throw new ServiceException(ServiceException.Kind.TOO_MANY, "too many requests", "you already have " + mine.size()
                    + " training job(s) queued or running, the most one client may have at once (" + limit
                    + "); stop one or wait until it finishes", Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS, "limit", "jobs-per-client"));
        }
        T started = start.get();
        mine.add(jobId.apply(started));
        if (byClient.size() > 10_000) byClient.values().removeIf(List::isEmpty);
        return started;
    }
}
