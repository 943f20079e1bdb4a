package lstmexplorer.service;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    @JsonValue public String id() { return name().toLowerCase(Locale.ROOT); }

    public boolean isFinal() { return this == DONE || this == FAILED || this == CANCELLED; }
}
