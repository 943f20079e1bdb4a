package lstmexplorer.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import lstmexplorer.train.TrainingSummary;

/** A model with its layers' vector names and training summary: {@code GET /api/models/{id}}. */
public record ModelDetail(@JsonUnwrapped ModelInfo info, List<List<String>> vectors, TrainingSummary training) {}
