package lstmexplorer.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import lstmexplorer.service.ClientJobs;
import lstmexplorer.service.JobService;
import lstmexplorer.service.JobSnapshot;
import lstmexplorer.service.ModelInfo;
import lstmexplorer.service.ModelRecord;
import lstmexplorer.service.ModelService;
import lstmexplorer.service.OwnerTokens;
import lstmexplorer.service.ServiceException;

/**
 * Ownership and per-client job limits on the API: creating a model answers with its owner token
 * (once), deleting a model or stopping its training needs that token in {@code X-Owner-Token} (or the
 * instructor's), and a client may have only so many trainings at once.
 */
record OwnerAccess(ModelService models, JobService jobs, OwnerTokens tokens, ClientJobs clientJobs, ObjectMapper json) {

    /** Starts training for the requesting client within its job limit; the answer carries the owner token. */
    Map<String, Object> train(Context ctx, Supplier<ModelService.Started> start) {
        ModelService.Started started = clientJobs.start(ctx.ip(), start, s -> s.job().id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", started.model());
        body.put("job", started.job());
        body.put("ownerToken", issue(started.model().id()));
        return body;
    }

    /** An imported model's info with its owner token. */
    Map<String, Object> imported(ModelInfo info) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(json.convertValue(info, Map.class));
        body.put("ownerToken", issue(info.id()));
        return body;
    }

    private String issue(String modelId) {
        try {
            return tokens.issue(modelId);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the data directory", e);
        }
    }

    /** Deletes a model when the request carries its owner's or the instructor's token; 404 first for an unknown model. */
    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        ModelRecord model = models.store().require(id);
        if (!model.gallery()) tokens.require(model, ctx.header(OwnerTokens.HEADER), "delete");
        models.delete(id); // refuses gallery models for everyone
        try {
            tokens.forget(id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the model files", e);
        }
    }

    /** Cancels a job when the request carries the token of the job's model (the instructor's opens gallery jobs too). */
    JobSnapshot cancel(Context ctx) {
        JobSnapshot job = jobs.require(ctx.pathParam("id"));
        ModelRecord model = models.find(job.modelId()).orElse(null);
        if (model != null) tokens.require(model, ctx.header(OwnerTokens.HEADER), "stop");
        else if (!tokens.instructor(ctx.header(OwnerTokens.HEADER)) && !job.status().isFinal())
            throw ServiceException.forbidden("only the instructor may stop job '" + job.id() + "'");
        return jobs.cancel(job.id(), JobService.CancelReason.USER);
    }
}
