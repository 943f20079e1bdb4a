package lstmexplorer.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lstmexplorer.service.JobEvent;
import lstmexplorer.service.JobService;
import lstmexplorer.service.JobSubscription;
import lstmexplorer.service.ServiceException;

/**
 * {@code GET /api/jobs/{id}/events}: a Server-Sent Events stream of a job. Each stream has its own
 * subscription queue and its own sender thread, so a slow browser only slows itself; the training
 * thread never waits for a socket. A comment every 15 s keeps proxies from closing quiet streams and
 * finds clients that went away.
 */
final class JobEvents implements AutoCloseable {
    static final int MAX_STREAMS = 256;
    private static final long HEARTBEAT_SECONDS = 15;

    private final JobService jobs;
    private final ObjectMapper json;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final ExecutorService senders;

    JobEvents(JobService jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
        AtomicInteger n = new AtomicInteger();
        senders = new ThreadPoolExecutor(0, MAX_STREAMS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void handle(Context ctx) throws IOException {
        JobSubscription sub = jobs.subscribe(ctx.pathParam("id")); // 404 before anything is sent
        if (!streams.tryAcquire()) {
            sub.close();
            throw ServiceException.tooMany("too many open event streams (" + MAX_STREAMS + "); poll GET /api/jobs/{id} instead");
        }
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.addHeader("Cache-Control", "no-cache");
        res.addHeader("X-Accel-Buffering", "no");
        res.flushBuffer();
        SseClient client = new SseClient(ctx);
        ctx.future(() -> CompletableFuture.runAsync(() -> pump(sub, client), senders)
                .whenComplete((v, e) -> {
                    sub.close();
                    streams.release();
                }));
    }

    private void pump(JobSubscription sub, SseClient client) {
        try {
            while (!client.terminated()) {
                JobEvent event = sub.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                if (event == null) {
                    client.sendComment("keep-alive");
                    continue;
                }
                client.sendEvent(event.name(), json.writeValueAsString(event.data()));
                if (event.terminal()) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public void close() {
        senders.shutdownNow();
    }
}
