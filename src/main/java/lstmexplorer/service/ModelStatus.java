package lstmexplorer.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a stored model is in its life. Only {@code ready} is sure to have weights; cancelled and interrupted runs may. */
public enum ModelStatus {
    TRAINING, READY, FAILED, CANCELLED, INTERRUPTED;

    @JsonValue public String id() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator public static ModelStatus of(String id) { return valueOf(id.toUpperCase(Locale.ROOT)); }
}
