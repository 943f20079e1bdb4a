package lstmexplorer.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * behind a bounded queue served round-robin across clients ({@link FairQueue}), so that one person's
 * third job never holds up another's first; a full queue refuses new work instead of piling it up.
 * A queued job knows its place in line and about when it will start ({@link QueuePlace}). Each job keeps an
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

    /** Finished runs whose length feeds the start estimates. */
    private static final int RECENT_RUNS = 20;
    /** The length assumed of a run before any has finished. */
    private static final double FIRST_GUESS_SECONDS = 20;

    /** Where a queued job stands: 1 for next in line, and about how many seconds until it starts. */
    public record QueuePlace(int position, int waiting, double startsInSeconds) {}

    private final FairQueue<Job> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final int workers, queueCapacity;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> finished = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Double> recentSeconds = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param workers       jobs that train at the same time (each on one thread)
     * @param queueCapacity jobs that may wait for a worker
     */
    public JobService(int workers, int queueCapacity) {
        if (workers < 1 || queueCapacity < 0) throw new IllegalArgumentException("workers ≥ 1 and queue ≥ 0");
        this.workers = workers;
        this.queueCapacity = queueCapacity;
        // a job waits in the queue until a worker takes it, so the queue also holds the one about to start
        this.queue = new FairQueue<>(queueCapacity + workers);
        for (int i = 1; i <= workers; i++) {
            Thread t = new Thread(this::work, "training-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void work() {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) return;
            announcePlaces();
            job.run();
        }
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
        return submit(id, modelId, "", Double.NaN, work, completion, true);
    }

    /**
     * Queues a job.
     *
     * @param client       whose job this is (a remote address); the queue takes turns between clients
     * @param limitSeconds the job's time limit, for the start estimates of the jobs behind it; NaN if unknown
     * @param background   true for ordinary jobs, whose worker thread then yields the cores to requests
     *                     (see {@link #lowerPriority}); false for the server's own start-up work (the gallery),
     *                     which must finish quickly
     * @throws ServiceException TOO_MANY when the queue is full, UNAVAILABLE after {@link #close}
     */
    public JobSnapshot submit(String id, String modelId, String client, double limitSeconds, Work work, Completion completion,
                              boolean background) {
        if (closed) throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "shutting down", "the server is shutting down");
        Job job = new Job(id, modelId, limitSeconds, work, completion, background);
        if (jobs.putIfAbsent(id, job) != null) throw ServiceException.conflict("job " + id + " exists");
        if (queue.size() >= queueCapacity + idleWorkers() || !queue.offer(client == null ? "" : client, job)) {
            jobs.remove(id);
            int retry = (int) Math.max(MIN_RETRY_SECONDS, Math.min(120, Math.ceil(firstStartSeconds())));
            throw new ServiceException(ServiceException.Kind.TOO_MANY, "too many requests", "the training queue is full: " + workers
                    + " job(s) training and " + queueCapacity + " waiting; try again in about " + retry + " s",
                    Map.of("retryAfterSeconds", retry, "limit", "queue"));
        }
        announcePlaces();
        return find(id).orElse(job.snapshot);
    }

    /** Retry-After of a full queue when no estimate says better. */
    private static final int MIN_RETRY_SECONDS = 5;

    private int idleWorkers() {
        int running = 0;
        for (Job job : jobs.values()) if (job.snapshot.status() == JobStatus.RUNNING) running++;
        return Math.max(0, workers - running);
    }

    /** A job as it is now; a queued one with its place in line. */
    public Optional<JobSnapshot> find(String id) {
        Job job = id == null ? null : jobs.get(id);
        if (job == null) return Optional.empty();
        JobSnapshot s = job.snapshot;
        if (s.status() != JobStatus.QUEUED) return Optional.of(s);
        QueuePlace place = places().get(job);
        return Optional.of(place == null ? s : s.withQueue(place));
    }

    /** The length expected of a job: its time limit, or less when recent runs finished sooner. */
    private double expectedSeconds(Job job) {
        double typical = FIRST_GUESS_SECONDS;
        if (!recentSeconds.isEmpty()) {
            double sum = 0;
            int n = 0;
            for (double d : recentSeconds) { sum += d; n++; }
            typical = sum / n;
        }
        return Double.isNaN(job.limitSeconds) ? typical : Math.min(job.limitSeconds, typical);
    }

    /**
     * Every queued job's place and start estimate: the workers' running jobs end after their expected
     * length, and each waiting job in serving order takes the first worker that comes free.
     */
    private Map<Job, QueuePlace> places() {
        List<Job> order = queue.order();
        PriorityQueue<Double> free = new PriorityQueue<>();
        double now = System.nanoTime() / 1e9;
        for (Job job : jobs.values()) {
            if (job.snapshot.status() != JobStatus.RUNNING) continue;
            free.add(Math.max(1, expectedSeconds(job) - (now - job.startedNanos / 1e9)));
        }
        while (free.size() < workers) free.add(0.0);
        while (free.size() > workers) free.poll();
        Map<Job, QueuePlace> places = new java.util.HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Job job = order.get(i);
            double start = free.poll();
            places.put(job, new QueuePlace(i + 1, order.size(), start));
            free.add(start + expectedSeconds(job));
        }
        return places;
    }

    /** When the first waiting job will start if another joins now. */
    private double firstStartSeconds() {
        double first = Double.MAX_VALUE;
        for (QueuePlace p : places().values()) first = Math.min(first, p.startsInSeconds());
        return first == Double.MAX_VALUE ? 0 : first;
    }

    /** Tells each queued job's listeners its new place in line. */
    private void announcePlaces() {
        for (Map.Entry<Job, QueuePlace> e : places().entrySet()) e.getKey().announce(e.getValue());
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
    public int queued() { return queue.size(); }

    /** Cancels every job (reason SHUTDOWN) and waits a little for the workers to wrap up. */
    @Override public void close() {
        closed = true;
        Collection<Job> all = List.copyOf(jobs.values());
        for (Job job : all) job.cancel(CancelReason.SHUTDOWN);
        queue.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            for (Thread t : threads) t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Thread t : threads) if (t.isAlive()) t.interrupt();
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

    private final class Job implements TrainingListener {
        final String id, modelId;
        final double limitSeconds;
        volatile long startedNanos;
        final Work work;
        final Completion completion;
        private final List<JobSubscription> subscribers = new ArrayList<>(); // guarded by this
        private final List<CurvePoint> curve = new ArrayList<>();             // training thread only
        volatile JobSnapshot snapshot;
        volatile CancelReason cancel;

        final boolean background;

        Job(String id, String modelId, double limitSeconds, Work work, Completion completion, boolean background) {
            this.limitSeconds = limitSeconds;
            this.background = background;
            this.id = id;
            this.modelId = modelId;
            this.work = work;
            this.completion = completion;
            snapshot = new JobSnapshot(id, modelId, JobStatus.QUEUED, null, null, List.of(), now(), null, null, null);
        }

        void run() {
            synchronized (this) {
                if (snapshot.status() != JobStatus.QUEUED) return;
                JobSnapshot s = snapshot;
                startedNanos = System.nanoTime();
                snapshot = new JobSnapshot(id, modelId, JobStatus.RUNNING, null, null, List.of(), s.createdAt(), now(), null, null);
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
                snapshot = new JobSnapshot(id, modelId, s.status(), progress, null, copy, s.createdAt(), s.startedAt(), null, null);
                JobEvent event = new JobEvent("progress", progress, false);
                for (JobSubscription sub : subscribers) sub.offer(event);
            }
        }

        @Override public void onEvaluation(Progress progress, Network network) {}

        synchronized JobSnapshot cancel(CancelReason reason) {
            if (snapshot.status().isFinal()) return snapshot;
            if (cancel == null) cancel = reason;
            if (snapshot.status() == JobStatus.QUEUED) {
                queue.remove(this);
                finish(JobStatus.CANCELLED, null);
                if (!closed) announcePlaces();
            }
            return snapshot;
        }

        synchronized void announce(QueuePlace place) {
            if (snapshot.status() != JobStatus.QUEUED) return;
            JobEvent event = new JobEvent("queued", place, false);
            for (JobSubscription sub : subscribers) sub.offer(event);
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
                if (s.status() == JobStatus.QUEUED) {
                    QueuePlace place = places().get(this);
                    if (place != null) sub.offer(new JobEvent("queued", place, false));
                }
                subscribers.add(sub);
            }
            return sub;
        }

        private synchronized void unsubscribe(JobSubscription sub) { subscribers.remove(sub); }

        private void finish(JobStatus status, String error) {
            synchronized (this) {
                JobSnapshot s = snapshot;
                if (s.status().isFinal()) return;
                JobSnapshot last = new JobSnapshot(id, modelId, status, s.progress(), error, s.curve(), s.createdAt(), s.startedAt(), now(), null);
                if (s.status() == JobStatus.RUNNING && status != JobStatus.FAILED) {
                    recentSeconds.addLast((System.nanoTime() - startedNanos) / 1e9);
                    while (recentSeconds.size() > RECENT_RUNS) recentSeconds.pollFirst();
                }
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
