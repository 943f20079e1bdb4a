package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import lstmexplorer.train.Progress;
import lstmexplorer.train.TrainingFailedException;
import lstmexplorer.train.TrainingResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobServiceTest {
    final JobService jobs = new JobService(1, 2);

    @AfterEach
    void close() { jobs.close(); }

    static Progress progress(int step) { return new Progress(step, step * 32L, 1.0 / step, 0, step / 100.0, step / 1000.0); }

    JobSnapshot await(String id) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            JobSnapshot s = jobs.require(id);
            if (s.status().isFinal()) return s;
            Thread.sleep(10);
        }
        throw new AssertionError("job did not finish");
    }

    /** Work that reports progress until cancelled (or for a number of steps). */
    static JobService.Work steps(int count, CountDownLatch started) {
        return (listener, cancelled) -> {
            started.countDown();
            for (int step = 1; step <= count && !cancelled.getAsBoolean(); step++) {
                listener.onProgress(progress(step));
                Thread.sleep(2);
            }
            return null;
        };
    }

    @Test
    void aCrashedOrDivergedJobFailsWithItsReasonAndTheServiceGoesOn() throws Exception {
        String diverged = jobs.newId();
        jobs.submit(diverged, "m1", (l, c) -> { throw new TrainingFailedException("training diverged: the loss became NaN at step 7"); },
                new JobService.Completion() {});
        JobSnapshot d = await(diverged);
        assertEquals(JobStatus.FAILED, d.status());
        assertEquals("training diverged: the loss became NaN at step 7", d.error());

        String crashed = jobs.newId();
        jobs.submit(crashed, "m2", (l, c) -> { throw new IllegalStateException("boom"); }, new JobService.Completion() {});
        assertEquals("training failed: IllegalStateException: boom", await(crashed).error());

        String oom = jobs.newId();
        jobs.submit(oom, "m3", (l, c) -> { throw new OutOfMemoryError("Java heap space"); }, new JobService.Completion() {});
        assertEquals(JobStatus.FAILED, await(oom).status());

        AtomicReference<String> saved = new AtomicReference<>();
        String fine = jobs.newId();
        jobs.submit(fine, "m4", steps(3, new CountDownLatch(1)), new JobService.Completion() {
            @Override public void trained(TrainingResult result, JobService.CancelReason reason) { saved.set("saved"); }
        });
        JobSnapshot ok = await(fine);
        assertEquals(JobStatus.DONE, ok.status());
        assertEquals("saved", saved.get());
        assertEquals(3, ok.curve().size());
        assertEquals(3, ok.progress().step());
    }

    @Test
    void aFailureToSaveFailsTheJob() throws Exception {
        String id = jobs.newId();
        jobs.submit(id, "m", steps(1, new CountDownLatch(1)), new JobService.Completion() {
            @Override public void trained(TrainingResult result, JobService.CancelReason reason) throws Exception {
                throw new java.io.IOException("disk full");
            }
        });
        JobSnapshot s = await(id);
        assertEquals(JobStatus.FAILED, s.status());
        assertEquals("could not keep the trained model: disk full", s.error());
    }

    @Test
    void fullQueueIsRefusedAndQueuedJobsCancelAtOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        String running = jobs.newId(), q1 = jobs.newId(), q2 = jobs.newId();
        jobs.submit(running, "a", steps(100_000, started), new JobService.Completion() {});
        assertTrue(started.await(10, TimeUnit.SECONDS));
        AtomicBoolean ranQueued = new AtomicBoolean();
        AtomicReference<JobService.CancelReason> endedWith = new AtomicReference<>();
        jobs.submit(q1, "b", (l, c) -> { ranQueued.set(true); return null; }, new JobService.Completion() {
            @Override public void ended(JobSnapshot job, JobService.CancelReason reason) { endedWith.set(reason); }
        });
        jobs.submit(q2, "c", steps(1, new CountDownLatch(1)), new JobService.Completion() {});
        ServiceException full = assertThrows(ServiceException.class,
                () -> jobs.submit(jobs.newId(), "d", steps(1, new CountDownLatch(1)), new JobService.Completion() {}));
        assertEquals(ServiceException.Kind.TOO_MANY, full.kind());
        assertEquals(2, jobs.queued());

        JobSnapshot cancelled = jobs.cancel(q1, JobService.CancelReason.USER);
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(JobService.CancelReason.USER, endedWith.get());
        assertEquals(1, jobs.queued(), "its place in the queue is free again");

        assertEquals(JobStatus.RUNNING, jobs.require(running).status());
        jobs.cancel(running, JobService.CancelReason.USER);
        assertEquals(JobStatus.CANCELLED, await(running).status());
        assertEquals(JobStatus.DONE, await(q2).status());
        assertFalse(ranQueued.get(), "a cancelled queued job never runs");
    }

    /** Starts a job that waits for go, then reports progress steps 1 to steps; answers its id once it runs. */
    private String startReporting(int steps, CountDownLatch go) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        String id = jobs.newId();
        jobs.submit(id, "m", (listener, cancelled) -> {
            started.countDown();
            go.await();
            for (int step = 1; step <= steps; step++) listener.onProgress(progress(step));
            return null;
        }, new JobService.Completion() {});
        assertTrue(started.await(10, TimeUnit.SECONDS));
        return id;
    }

    @Test
    void eventsFanOutToEveryListenerAndLateListenersGetTheEnd() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        String id = startReporting(5, go);
        JobSubscription a = jobs.subscribe(id), b = jobs.subscribe(id);
        go.countDown();
        for (JobSubscription sub : List.of(a, b)) {
            List<JobEvent> events = drain(sub);
            assertEquals(6, events.size(), events.toString());
            for (int k = 0; k < 5; k++) assertEquals(k + 1, ((Progress) events.get(k).data()).step());
            assertEquals("done", events.get(5).name());
            assertTrue(events.get(5).terminal());
        }
        JobSubscription late = jobs.subscribe(id);
        JobEvent end = late.poll(1, TimeUnit.SECONDS);
        assertNotNull(end);
        assertEquals("done", end.name());
        assertEquals(JobStatus.DONE, ((JobSnapshot) end.data()).status());
    }

    @Test
    void aListenerThatNeverReadsNeitherBlocksTrainingNorLosesTheEnd() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        String id = startReporting(10_000, go);
        JobSubscription asleep = jobs.subscribe(id);
        go.countDown();
        assertEquals(JobStatus.DONE, await(id).status());
        List<JobEvent> events = drain(asleep);
        assertEquals(JobSubscription.CAPACITY, events.size(), "old progress dropped, queue bounded");
        assertEquals("done", events.get(events.size() - 1).name());
        assertEquals(10_000, ((Progress) events.get(events.size() - 2).data()).step(), "the newest progress kept");
    }

    @Test
    void unknownJobsAreNotFound() {
        assertEquals(ServiceException.Kind.NOT_FOUND, assertThrows(ServiceException.class, () -> jobs.require("job-x")).kind());
        assertEquals(ServiceException.Kind.NOT_FOUND, assertThrows(ServiceException.class, () -> jobs.cancel("job-x", JobService.CancelReason.USER)).kind());
        assertEquals(ServiceException.Kind.NOT_FOUND, assertThrows(ServiceException.class, () -> jobs.subscribe("job-x")).kind());
    }

    @Test
    void closingCancelsEverythingWithReasonShutdown() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<JobService.CancelReason> reason = new AtomicReference<>();
        String id = jobs.newId();
        jobs.submit(id, "m", steps(1_000_000, started), new JobService.Completion() {
            @Override public void trained(TrainingResult result, JobService.CancelReason r) { reason.set(r); }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        jobs.close();
        assertEquals(JobService.CancelReason.SHUTDOWN, reason.get());
        assertEquals(JobStatus.CANCELLED, jobs.require(id).status());
        assertEquals(ServiceException.Kind.UNAVAILABLE, assertThrows(ServiceException.class,
                () -> jobs.submit(jobs.newId(), "n", steps(1, new CountDownLatch(1)), new JobService.Completion() {})).kind());
    }

    @Test
    void theQueueTakesTurnsBetweenClientsAndEachWaitingJobKnowsItsPlace() throws Exception {
        try (JobService fair = new JobService(1, 10)) {
            CountDownLatch started = new CountDownLatch(1);
            String blocker = fair.newId();
            fair.submit(blocker, "x", "zoe", 30, steps(100_000, started), new JobService.Completion() {}, true);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> ids = new ArrayList<>();
            // ann asks for three trainings, then bob and cy for one each
            for (String who : List.of("ann", "ann", "ann", "bob", "cy")) {
                String id = fair.newId();
                ids.add(id);
                String label = who + ids.size();
                fair.submit(id, label, who, 10, (l, c) -> { ran.add(label); return null; }, new JobService.Completion() {}, true);
            }
            JobSnapshot bob = fair.require(ids.get(3));
            assertEquals(JobStatus.QUEUED, bob.status());
            assertEquals(2, bob.queue().position(), "bob is served right after ann's first");
            assertEquals(5, bob.queue().waiting());
            JobSnapshot annThird = fair.require(ids.get(2));
            assertEquals(5, annThird.queue().position(), "ann's third waits behind everyone's first");
            assertTrue(annThird.queue().startsInSeconds() > bob.queue().startsInSeconds(),
                    "later in line starts later: " + annThird.queue() + " vs " + bob.queue());
            assertTrue(bob.queue().startsInSeconds() >= 10, "one 10 s job ahead of bob, behind the running one: " + bob.queue());

            JobSubscription sub = fair.subscribe(ids.get(4));
            JobEvent first = sub.poll(5, TimeUnit.SECONDS);
            assertEquals("queued", first.name());
            assertEquals(3, ((JobService.QueuePlace) first.data()).position());
            fair.cancel(ids.get(3), JobService.CancelReason.USER);
            JobEvent moved = sub.poll(5, TimeUnit.SECONDS);
            assertEquals("queued", moved.name());
            assertEquals(2, ((JobService.QueuePlace) moved.data()).position(), "cy moves up when bob's job is cancelled");
            sub.close();

            fair.cancel(blocker, JobService.CancelReason.USER);
            for (String id : ids) {
                while (!fair.require(id).status().isFinal()) Thread.sleep(10);
            }
            assertEquals(List.of("ann1", "cy5", "ann2", "ann3"), ran);
        }
    }

    private static List<JobEvent> drain(JobSubscription sub) throws InterruptedException {
        List<JobEvent> events = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            JobEvent e = sub.poll(100, TimeUnit.MILLISECONDS);
            if (e == null) continue;
            events.add(e);
            if (e.terminal()) return events;
        }
        throw new AssertionError("no final event; got " + events.size());
    }
}
