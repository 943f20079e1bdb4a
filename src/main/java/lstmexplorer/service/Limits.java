package lstmexplorer.service;

/** Every limit the server enforces, in one place, so the checks and the API documentation agree. */
public final class Limits {
    private Limits() {}

    public static final int MAX_INPUT = 1000;
    public static final int MIN_HIDDEN = 1, MAX_HIDDEN = 64;
    public static final int MIN_LAYERS = 1, MAX_LAYERS = 3;
    public static final int MIN_BATCH = 1, MAX_BATCH = 256;
    /** learningRate must be in (0, MAX_LEARNING_RATE]. */
    public static final double MAX_LEARNING_RATE = 1;
    public static final double MIN_MAX_SECONDS = 1, MAX_MAX_SECONDS = 600;
    /** Steps to train on once learned (the time limit still holds). */
    public static final int MAX_STEPS_AFTER_LEARNED = 100_000;
    public static final long MIN_SEED = 0, MAX_SEED = Integer.MAX_VALUE;
    public static final int DEFAULT_MAX_STORED_MODELS = 200;
    /** JSON request bodies. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** Model uploads: a 3-layer, 64-unit model file is larger than an ordinary request. */
    public static final int MAX_IMPORT_BYTES = 16 << 20;
    public static final int MAX_NAME = 100;
    public static final int MIN_GENERATE = 1, MAX_GENERATE = 1000, DEFAULT_GENERATE = 200;
    public static final int MAX_SAMPLES = 200, DEFAULT_SAMPLES = 10;
    public static final int MAX_TRACE_SAMPLES = 50, DEFAULT_TRACE_SAMPLES = 5;
    public static final int MAX_EXPORT_SAMPLES = 200, DEFAULT_EXPORT_SAMPLES = 20;
}
