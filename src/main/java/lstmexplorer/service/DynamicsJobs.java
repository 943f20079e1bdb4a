package lstmexplorer.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import lstmexplorer.analysis.Dynamics;
import lstmexplorer.train.Progress;
import lstmexplorer.train.TrainingFailedException;

/**
 * Dynamics as a job. The fixed-point search takes seconds on a larger model, so it runs on a worker of its
 * own {@link JobService} (apart from training, so it never waits behind a training run) and says how far it
 * has got: starts settled in the search, then inputs linearised. Its answer is cached as
 * {@link MechanismAnalysis#dynamics} caches it, so the synchronous endpoint then answers at once. Everyone who
 * asks for the same dynamics while it runs shares one job; it is cancelled once all of them have let it go.
 */
public final class DynamicsJobs {
    /**
     * A dynamics job as it stands.
     *
     * @param id       the job, null when the answer was cached and no job ran
     * @param status   queued, running, done, failed or cancelled
     * @param stage    what it is doing, e.g. "searching: starts settled"
     * @param done     of {@code total}: starts settled while searching, then inputs linearised
     * @param fraction of the whole work, never falling; 1 when done
     * @param result   the dynamics once done, else null
     */
    public record DynamicsJob(String id, String model, String status, String stage, int done, int total, double fraction,
                              double elapsedSeconds, String error, Dynamics result) {}

    /** Finished jobs kept for polling; older ones are forgotten (their answers stay in the cache). */
    private static final int KEEP_FINISHED = 32;

    private final MechanismAnalysis analysis;
    private final JobService jobs;
    private final Map<String, Run> runs = new LinkedHashMap<>(); // guarded by itself

    /** What the job's worker writes and polls read. */
    private static final class Run {
        final String model, key;
        volatile String stage = "queued";
        volatile int done, total;
        volatile double fraction;
        volatile long startedNanos, endedNanos;
        volatile Dynamics result;
        int askers = 1; // guarded by runs

        Run(String model, String key) {
            this.model = model;
            this.key = key;
        }
    }

    public DynamicsJobs(MechanismAnalysis analysis) {
        this.analysis = analysis;
        this.jobs = new JobService(Limits.DYNAMICS_WORKERS, Limits.DYNAMICS_QUEUE);
    }

    /**
     * Starts the dynamics of a model (fields as {@link MechanismAnalysis#dynamics}), joins the job already
     * computing them, or answers the cached result at once.
     *
     * @param client who asks (a remote address): the queue takes turns between clients
     */
    public DynamicsJob start(String id, Integer layer, List<String> vectors, String point, String client) {
        MechanismAnalysis.DynamicsQuery query = analysis.dynamicsQuery(id, layer, vectors, point);
        Dynamics cached = analysis.cachedDynamics(query);
        if (cached != null) return new DynamicsJob(null, query.model().id(), JobStatus.DONE.id(), "done", 1, 1, 1, 0, null, cached);
        String key = query.model().revision() + "|" + query.key();
        String jobId;
        Run run;
        synchronized (runs) {
            for (Map.Entry<String, Run> e : runs.entrySet()) {
                Run other = e.getValue();
                if (other.model.equals(query.model().id()) && other.key.equals(key) && !finished(e.getKey())) {
                    other.askers++;
                    return view(e.getKey(), other);
                }
            }
            jobId = jobs.newId();
            run = new Run(query.model().id(), key);
            runs.put(jobId, run);
            forgetOldest();
        }
        try {
            jobs.submit(jobId, run.model, client, Double.NaN, (listener, cancelled) -> {
                run.startedNanos = System.nanoTime();
                try {
                    Dynamics result = query.compute(new Dynamics.Progress() {
                        @Override public void at(String stage, int done, int total, double fraction) {
                            run.stage = stage;
                            run.done = done;
                            run.total = total;
                            run.fraction = fraction;
                            listener.onProgress(new Progress(done, total, 0, 0, seconds(run), fraction));
                        }

                        @Override public boolean cancelled() { return cancelled.getAsBoolean(); }
                    });
                    analysis.keepDynamics(query, result);
                    run.result = result;
                } catch (CancellationException e) {
                    run.stage = "cancelled";
                } catch (ServiceException e) {
                    throw new TrainingFailedException(e.getMessage());
                } finally {
                    run.endedNanos = System.nanoTime();
                }
                return null;
            }, new JobService.Completion() {}, false);
        } catch (ServiceException e) {
            synchronized (runs) { runs.remove(jobId); }
            if (e.kind() != ServiceException.Kind.TOO_MANY) throw e;
            throw new ServiceException(ServiceException.Kind.TOO_MANY, "too many requests", "dynamics searches " + Limits.DYNAMICS_WORKERS
                    + " model(s) at a time with " + Limits.DYNAMICS_QUEUE + " waiting, and that many are; try again in a few seconds",
                    Map.of("retryAfterSeconds", 5, "limit", "dynamics-queue"));
        }
        return view(jobId, run);
    }

    /** A job of this model as it stands; a 404 for a job of no dynamics of this model. */
    public DynamicsJob find(String model, String jobId) { return view(jobId, require(model, jobId)); }

    /**
     * Lets a job go: once every asker has, a queued job ends at once and a running one at its next
     * iteration. A finished job stays as it was.
     */
    public DynamicsJob cancel(String model, String jobId) {
        Run run = require(model, jobId);
        boolean last;
        synchronized (runs) { last = --run.askers <= 0; }
        if (last) jobs.cancel(jobId, JobService.CancelReason.USER);
        return view(jobId, run);
    }

    public void close() { jobs.close(); }

    private Run require(String model, String jobId) {
        Run run;
        synchronized (runs) { run = runs.get(jobId); }
        if (run == null || !run.model.equals(model) || jobs.find(jobId).isEmpty())
            throw ServiceException.notFound("dynamics job", jobId);
        return run;
    }

    private boolean finished(String jobId) { return jobs.find(jobId).map(s -> s.status().isFinal()).orElse(true); }

    /** Drops the oldest finished jobs beyond {@value #KEEP_FINISHED}. Called holding {@code runs}. */
    private void forgetOldest() {
        int finished = 0;
        for (String id : runs.keySet()) if (finished(id)) finished++;
        for (Iterator<String> it = runs.keySet().iterator(); finished > KEEP_FINISHED && it.hasNext(); ) {
            if (finished(it.next())) {
                it.remove();
                finished--;
            }
        }
    }

    private DynamicsJob view(String jobId, Run run) {
        JobSnapshot s = jobs.require(jobId);
        Dynamics result = s.status() == JobStatus.DONE ? run.result : null;
        return new DynamicsJob(jobId, run.model, s.status().id(), result != null ? "done" : run.stage, run.done, run.total,
                result != null ? 1 : run.fraction, seconds(run), s.error(), result);
    }

    private static double seconds(Run run) {
        if (run.startedNanos == 0) return 0;
        long end = run.endedNanos == 0 ? System.nanoTime() : run.endedNanos;
        return (end - run.startedNanos) / 1e9;
    }
}
