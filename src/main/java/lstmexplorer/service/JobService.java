package lstmexplorer.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import lstmexplorer.model.Network;
import lstmexplorer.train.CurvePoint;
import lstmexplorer.train.Progress;
import lstmexplorer.train.TrainingFailedException;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of training. Jobs run on a fixed pool of worker threads (one training thread each)
 * behind a bounded queue; a full queue refuses new work instead of piling it up. Each job keeps an
 * immutable {@link JobSnapshot} that readers take without locking, and fans its events out to any
 * number of {@link JobSubscription}s. A job that throws, diverges or runs out of memory ends as
 * {@code failed} with the reason; nothing a job does escapes to the server.
 */
public final class JobService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    /** Finished jobs kept for {@code GET /api/jobs/{id}}; older ones are forgotten. */
    private static final int KEEP_FINISHED = 1000;
    /** Nice value of training threads (Linux): a share of about a tenth of a core when requests want the CPU. */
    private static final int TRAINING_NICENESS = 10;

    /** Why a job was asked to stop. */
    public enum CancelReason { USER, SHUTDOWN }

    /** The training itself; runs on a worker thread. */
    @FunctionalInterface
    public interface Work {
        TrainingResult run(TrainingListener listener, BooleanSupplier cancelled) throws Exception;
    }

    /** What to do with the outcome. Both run on the worker (or the cancelling thread for a job that never started). */
    public interface Completion {
        /** Keeps the result, before the job is reported finished; throwing fails the job. {@code reason} is null unless cancelled. */
        default void trained(TrainingResult result, CancelReason reason) throws Exception {}

        /** Told the final state, just before listeners hear it. */
        default void ended(JobSnapshot job, CancelReason reason) {}
    }

    private final ThreadPoolExecutor executor;
    private final int workers, queueCapacity;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> finished = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param workers       jobs that train at the same time (each on one thread)
     * @param queueCapacity jobs that may wait for a worker
     */
    public JobService(int workers, int queueCapacity) {
        if (workers < 1 || queueCapacity < 0) throw new IllegalArgumentException("workers ≥ 1 and queue ≥ 0");
        this.workers = workers;
        this.queueCapacity = queueCapacity;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "training-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                queueCapacity == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity),
                threads, new ThreadPoolExecutor.AbortPolicy());
    }

    public int workers() { return workers; }

    public int queueCapacity() { return queueCapacity; }

    /** A fresh job id. */
    public String newId() {
        String id;
        do { id = "job-" + String.format("%08x", ThreadLocalRandom.current().nextInt()); } while (jobs.containsKey(id));
        return id;
    }

    /**
     * Queues a job.
     *
     * @throws ServiceException TOO_MANY when the queue is full, UNAVAILABLE after {@link #close}
     */
    public JobSnapshot submit(String id, String modelId, Work work, Completion completion) {
        return submit(id, modelId, work, completion, true);
    }

    /**
     * Queues a job.
     *
     * @param background true for ordinary jobs, whose worker thread then yields the cores to requests
     *                   (see {@link #lowerPriority}); false for the server's own start-up work (the gallery),
     *                   which must finish quickly
     * @throws ServiceException TOO_MANY when the queue is full, UNAVAILABLE after {@link #close}
     */
    public JobSnapshot submit(String id, String modelId, Work work, Completion completion, boolean background) {
        if (closed) throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "shutting down", "the server is shutting down");
        Job job = new Job(id, modelId, work, completion, background);
        if (jobs.putIfAbsent(id, job) != null) throw ServiceException.conflict("job " + id + " exists");
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            throw ServiceException.tooMany("the training queue is full: " + workers + " job(s) training and "
                    + queueCapacity + " waiting; try again when one finishes");
        }
        return job.snapshot;
    }

    public Optional<JobSnapshot> find(String id) {
        Job job = id == null ? null : jobs.get(id);
        return job == null ? Optional.empty() : Optional.of(job.snapshot);
    }

    public JobSnapshot require(String id) {
        return find(id).orElseThrow(() -> ServiceException.notFound("job", id));
    }

    public List<JobSnapshot> all() {
        List<JobSnapshot> list = new ArrayList<>();
        for (Job job : jobs.values()) list.add(job.snapshot);
        return list;
    }

    /** Asks a job to stop: a queued one ends at once, a running one at its next step. A finished one is left as it is. */
    public JobSnapshot cancel(String id, CancelReason reason) {
        Job job = jobs.get(id);
        if (job == null) throw ServiceException.notFound("job", id);
        return job.cancel(reason);
    }

    /** Listens to a job; a finished job's final event is queued at once. */
    public JobSubscription subscribe(String id) {
        Job job = jobs.get(id);
        if (job == null) throw ServiceException.notFound("job", id);
        return job.subscribe();
    }

    /** Jobs waiting for a worker. */
    public int queued() { return executor.getQueue().size(); }

    /** Cancels every job (reason SHUTDOWN) and waits a little for the workers to wrap up. */
    @Override public void close() {
        closed = true;
        Collection<Job> all = List.copyOf(jobs.values());
        for (Job job : all) job.cancel(CancelReason.SHUTDOWN);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Requests first: training threads run at a lower OS priority, so that when the cores are busy a
     * trace or a page waits for nobody and training takes what is left. Java thread priorities do
     * nothing on Linux, so the thread's nice value is raised instead; where that is not possible
     * (another OS, no renice) training simply runs at normal priority. A thread's priority is lowered
     * once, by the first background job it runs, and stays low (raising it again needs privileges).
     */
    private static void lowerPriority() {
        if (Thread.currentThread().getPriority() == Thread.MIN_PRIORITY) return;
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        try {
            java.nio.file.Path self = java.nio.file.Path.of("/proc/thread-self/stat");
            if (!java.nio.file.Files.exists(self)) return;
            String tid = java.nio.file.Files.readString(self).split(" ", 2)[0];
            Process renice = new ProcessBuilder("renice", "-n", String.valueOf(TRAINING_NICENESS), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) renice.destroy();
        } catch (Exception | Error e) {
            LOG.debug("could not lower the priority of {}", Thread.currentThread().getName(), e);
        }
    }

    private void retire(Job job) {
        finished.addLast(job.id);
        while (finished.size() > KEEP_FINISHED) {
            String old = finished.pollFirst();
            if (old != null) jobs.remove(old);
        }
    }

    private static String now() { return Instant.now().toString(); }

    private final class Job implements Runnable, TrainingListener {
        final String id, modelId;
        final Work work;
        final Completion completion;
        private final List<JobSubscription> subscribers = new ArrayList<>(); // guarded by this
        private final List<CurvePoint> curve = new ArrayList<>();             // training thread only
        volatile JobSnapshot snapshot;
        volatile CancelReason cancel;

        final boolean background;

        Job(String id, String modelId, Work work, Completion completion, boolean background) {
            this.background = background;
            this.id = id;
            this.modelId = modelId;
            this.work = work;
            this.completion = completion;
            snapshot = new JobSnapshot(id, modelId, JobStatus.QUEUED, null, null, List.of(), now(), null, null);
        }

        @Override public void run() {
            synchronized (this) {
                if (snapshot.status() != JobStatus.QUEUED) return;
                JobSnapshot s = snapshot;
                snapshot = new JobSnapshot(id, modelId, JobStatus.RUNNING, null, null, List.of(), s.createdAt(), now(), null);
            }
            if (background) lowerPriority();
            try {
                TrainingResult result = work.run(this, () -> cancel != null);
                try {
                    completion.trained(result, cancel);
                } catch (Exception e) {
                    LOG.warn("could not keep the result of job {}", id, e);
                    finish(JobStatus.FAILED, "could not keep the trained model: " + e.getMessage());
                    return;
                }
                finish(cancel != null ? JobStatus.CANCELLED : JobStatus.DONE, null);
            } catch (TrainingFailedException e) {
                finish(JobStatus.FAILED, e.getMessage());
            } catch (Throwable e) { // a crashed job must not take the server with it
                LOG.warn("training job {} failed", id, e);
                String message = e.getMessage();
                finish(JobStatus.FAILED, "training failed: " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
            }
        }

        @Override public void onProgress(Progress progress) {
            curve.add(new CurvePoint(progress.step(), progress.sequences(), progress.loss(), progress.testAccuracy(),
                    progress.elapsedSeconds(), progress.bitsPerCharacter()));
            List<CurvePoint> copy = List.copyOf(curve);
            synchronized (this) {
                JobSnapshot s = snapshot;
                if (s.status().isFinal()) return;
                snapshot = new JobSnapshot(id, modelId, s.status(), progress, null, copy, s.createdAt(), s.startedAt(), null);
                JobEvent event = new JobEvent("progress", progress, false);
                for (JobSubscription sub : subscribers) sub.offer(event);
            }
        }

        @Override public void onEvaluation(Progress progress, Network network) {}

        synchronized JobSnapshot cancel(CancelReason reason) {
            if (snapshot.status().isFinal()) return snapshot;
            if (cancel == null) cancel = reason;
            if (snapshot.status() == JobStatus.QUEUED) {
                executor.remove(this);
                finish(JobStatus.CANCELLED, null);
            }
            return snapshot;
        }

        synchronized JobSubscription subscribe() {
            JobSubscription[] holder = new JobSubscription[1];
            JobSubscription sub = new JobSubscription(() -> unsubscribe(holder[0]));
            holder[0] = sub;
            JobSnapshot s = snapshot;
            if (s.status().isFinal()) {
                sub.offer(new JobEvent(s.status().id(), s, true));
            } else {
                if (s.progress() != null) sub.offer(new JobEvent("progress", s.progress(), false));
                subscribers.add(sub);
            }
            return sub;
        }

        private synchronized void unsubscribe(JobSubscription sub) { subscribers.remove(sub); }

        private void finish(JobStatus status, String error) {
            synchronized (this) {
                JobSnapshot s = snapshot;
                if (s.status().isFinal()) return;
                JobSnapshot last = new JobSnapshot(id, modelId, status, s.progress(), error, s.curve(), s.createdAt(), s.startedAt(), now());
                snapshot = last;
                try {
                    completion.ended(last, cancel);
                } catch (Throwable e) {
                    LOG.warn("after job {} ended", id, e);
                }
                JobEvent event = new JobEvent(status.id(), last, true);
                for (JobSubscription sub : subscribers) sub.offer(event);
                subscribers.clear();
            }
            retire(this);
        }
    }
}
