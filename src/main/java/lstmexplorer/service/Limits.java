package lstmexplorer.service;

import lstmexplorer.io.ShapeBounds;

/**
 * Every limit the server enforces, in one place: {@link Validator} checks requests against these,
 * and {@code /openapi.json} states each one as the minimum and maximum of its parameter, which is
 * where the front end reads them. Training and stored models have one record per kind of request
 * (training on a task, importing a file), so a new kind is one more constant.
 */
public final class Limits {
    private Limits() {}

    /** The whole numbers from {@code min} to {@code max}, and the value a request that leaves it out gets (null: none). */
    public record Range(long min, long max, Long fallback) {
        public static Range of(long min, long max) { return new Range(min, max, null); }

        public Range withDefault(long value) { return new Range(min, max, value); }

        public boolean contains(long value) { return value >= min && value <= max; }

        public int orDefault(Integer value) { return value != null ? value : Math.toIntExact(fallback); }
    }

    /** The numbers from {@code min} (excluded when {@code minExclusive}) to {@code max}, and the default (null: none). */
    public record Real(double min, double max, boolean minExclusive, Double fallback) {
        public static Real of(double min, double max) { return new Real(min, max, false, null); }

        public static Real above(double min, double max) { return new Real(min, max, true, null); }

        public Real withDefault(double value) { return new Real(min, max, minExclusive, value); }

        public boolean contains(double value) { return (minExclusive ? value > min : value >= min) && value <= max; }
    }

    /** What a training request may ask for. */
    public record Training(Range hidden, Range layers, Range batch, Real learningRate, Real maxSeconds, Range afterLearned,
                           Range seed) {
        public Training withHidden(Range r) { return new Training(r, layers, batch, learningRate, maxSeconds, afterLearned, seed); }

        public Training withLayers(Range r) { return new Training(hidden, r, batch, learningRate, maxSeconds, afterLearned, seed); }

        public Training withMaxSeconds(Real r) { return new Training(hidden, layers, batch, learningRate, r, afterLearned, seed); }
    }

    /** The shapes of model a kind of request may bring into the store. */
    public record ModelShape(Range hidden, Range layers, Range vocab) {
        /** The same bounds for the model file reader, which checks them before it allocates a network. */
        public ShapeBounds bounds() { return new ShapeBounds((int) hidden.max(), (int) layers.max(), (int) vocab.max()); }
    }

    public static final Range SEED = Range.of(0, Integer.MAX_VALUE);

    /** Training on one of the built-in tasks, from the web or the command line. */
    public static final Training TASK_TRAINING = new Training(Range.of(1, 64), Range.of(1, 3), Range.of(1, 256),
            Real.above(0, 1), Real.of(1, 600), Range.of(0, 100_000), SEED);

    /** Training on a user's dataset: larger models, longer runs, and no "learned" to stop at. */
    public static final Training DATASET_TRAINING = TASK_TRAINING.withHidden(Range.of(1, 256)).withMaxSeconds(Real.of(1, 1800));

    /**
     * Uploaded model files and PyTorch exports: models of the sizes found in papers and tutorials
     * (char-rnn's 128 units, LSTMVis's 200 to 650), larger than the ones trained here.
     */
    public static final ModelShape IMPORT = new ModelShape(Range.of(1, 1024), Range.of(1, 4), Range.of(1, 256));

    /**
     * Model files and PyTorch exports imported with a dataset: as large as the server trains on datasets,
     * reading at most a dataset's characters.
     */
    public static final ModelShape DATASET_IMPORT = new ModelShape(DATASET_TRAINING.hidden(), DATASET_TRAINING.layers(),
            Range.of(1, Limits.MAX_DATASET_VOCAB));

    /** Any layer or unit of any model the store may hold: the bounds the API documents before it knows the model. */
    public static final Range LAYER = Range.of(0, Math.max(Math.max(TASK_TRAINING.layers().max(), DATASET_TRAINING.layers().max()),
            IMPORT.layers().max()) - 1);
    public static final Range UNIT = Range.of(0, Math.max(Math.max(TASK_TRAINING.hidden().max(), DATASET_TRAINING.hidden().max()),
            IMPORT.hidden().max()) - 1);

    /** Characters of a text a model reads: an input, a sequence; a prefix may be empty. */
    public static final Range INPUT = Range.of(1, 2000);
    public static final Range PREFIX = Range.of(0, INPUT.max());
    /** A timestep of a text: a position in it. */
    public static final Range TIMESTEP = Range.of(0, INPUT.max() - 1);
    /** A trace slice's first timestep (the end is clamped to the input, so any end is accepted). */
    public static final Range SLICE_FROM = Range.of(0, INPUT.max() + 1);
    public static final Range SLICE_TO = Range.of(0, Integer.MAX_VALUE);
    /** The first sequence of a page of a dataset split. */
    public static final Range OFFSET = Range.of(0, Integer.MAX_VALUE).withDefault(0);

    public static final Range SAMPLES = Range.of(1, 200).withDefault(10);
    public static final Range TRACE_SAMPLES = Range.of(1, 50).withDefault(5);
    public static final Range EXPORT_SAMPLES = Range.of(1, 200).withDefault(20);
    /** Characters greedy generation produces. */
    public static final Range GENERATE = Range.of(1, 1000).withDefault(200);

    /** Entries a probe ranking returns. */
    public static final Range PROBE_LIMIT = Range.of(1, IMPORT.hidden().max()).withDefault(20);
    /** Matches hypothesis matching returns. */
    public static final Range MATCH_LIMIT = Range.of(1, 1000).withDefault(20);
    /** The "on" level of a hypothesis. */
    public static final Real THRESHOLD = Real.of(-100, 100);
    /** Changes in one intervention request, and what each may hold. */
    public static final Range INTERVENTIONS = Range.of(1, 16);
    public static final Real HELD_VALUE = Real.of(-100, 100);
    public static final Real HELD_GATE = Real.of(0, 1);
    /** Characters generated under an intervention. */
    public static final Range INTERVENTION_GENERATE = Range.of(1, 500).withDefault(60);
    /** The first timestep an intervention changes: anywhere in a prefix and what follows it. */
    public static final Range INTERVENTION_FROM = Range.of(0, PREFIX.max() + INTERVENTION_GENERATE.max()).withDefault(0);
    /** Sequences drawn per size in a length sweep, and the seed of the draws. */
    public static final Range PER_SIZE = Range.of(1, 200).withDefault(20);
    public static final Range SWEEP_SEED = SEED.withDefault(1);

    /**
     * Entries of the whole state S (every state vector of every layer) whose fixed points dynamics
     * searches: each start's every step needs the S × S Jacobian, so a 1 × 128 LSTM (256) takes seconds and
     * a 2 × 256 one (1,024) would take hours.
     */
    public static final Range DYNAMICS_STATE = Range.of(1, 256);
    /** Dynamics searches run at once, and waiting for them; a full queue answers 429. */
    public static final int DYNAMICS_WORKERS = 1, DYNAMICS_QUEUE = 8;
    /** A base or source input of a patch, and the base of an effect map (each unit × timestep is a run). */
    public static final Range PATCH_INPUT = PREFIX;
    public static final Range EFFECT_INPUT = Range.of(0, 200);
    /** Patches in one request. */
    public static final Range PATCHES = Range.of(1, 16);
    /** Characters generated after a patched prefix. */
    public static final Range PATCH_GENERATE = INTERVENTION_GENERATE;
    /** Points of integrated gradients' path integral. */
    public static final Range ATTRIBUTION_STEPS = Range.of(1, 512).withDefault(64);
    /** A unit search: the word, and how many units it returns. */
    public static final Range SEARCH_QUERY = Range.of(1, 100);
    public static final Range SEARCH_LIMIT = Range.of(1, 100).withDefault(20);

    /** A model's display name, in characters. */
    public static final Range NAME = Range.of(1, 100);

    /** The largest size (n, L or K) a run trains on; left out, the task's own training range. */
    public static final Range TRAIN_MAX = Range.of(1, 100);
    /** The probability at which a character counts as deemed possible, in (0, 1); the Dyck languages are scored by it. */
    public static final Real POSSIBLE_THRESHOLD = Real.above(0, 1).withDefault(0.05);
    /** A counting lab: the cell types and the seeds of one request. */
    public static final Range LAB_CELLS = Range.of(1, 9), LAB_SEEDS = Range.of(1, 5);
    /** JSON request bodies. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** Model uploads: a 2 × 512 LSTM over 96 characters is 3.3 M numbers, about 60 MB of JSON. */
    public static final int MAX_IMPORT_BYTES = 64 << 20;
    /**
     * Megabytes of upload being parsed at once, each import counted at its declared length (a body
     * of unknown length at the full limit): two of the largest at a time; past that, 429.
     */
    public static final int IMPORT_BUDGET_MB = 2 * (MAX_IMPORT_BYTES >> 20);
    public static final int IMPORT_RETRY_AFTER_SECONDS = 5;
    public static final int DEFAULT_MAX_STORED_MODELS = 200;

    /** Uploaded datasets: the body of POST /api/datasets, and how many the server keeps. */
    public static final int MAX_DATASET_BYTES = 10 << 20;
    public static final int MAX_DATASETS = 50;
    /** Distinct characters of a dataset (its models' vocabulary). */
    public static final int MAX_DATASET_VOCAB = 256;
    /** Shortest text and fewest lines that still leave a test split to measure on. */
    public static final int MIN_TEXT_CHARACTERS = 1000, MIN_LINES = 10;
    /** Training windows of a text dataset (the BPTT length). */
    public static final Range WINDOW = Range.of(10, 1000).withDefault(100);
    public static final int DEFAULT_WINDOW = 100;
    /** A label track's values. */
    public static final Real LABEL_VALUE = Real.of(-1e9, 1e9);
    /** A label track's name, in characters. */
    public static final Range LABEL_NAME = Range.of(1, 40);
    /** Label tracks per dataset; their body (a JSON array) may be as large as a model upload. */
    public static final int MAX_LABEL_TRACKS = 8, MAX_LABELS_BYTES = 16 << 20;
    /** Characters the text view traces at once. */
    public static final Range TEXT_VIEW = Range.of(1, 20_000);
    /**
     * A refused (too large) body is still read and dropped, up to this many bytes and milliseconds, so that
     * a client that sends its whole body before reading gets the 413; past either bound the connection closes.
     */
    public static final long REFUSED_BODY_DRAIN_BYTES = 64L << 20;
    public static final long REFUSED_BODY_DRAIN_MILLIS = 5_000;
    /**
     * Hidden units from which a displayed trace is computed in single precision unless the request asks for
     * double ({@link TracePrecision}). Float halves the bytes a product reads and doubles the lanes of a vector
     * instruction, which pays once the weight products are most of a step (bench-scale times a 2 × 256 LSTM's
     * trace both ways). Below 128 units the products are too small for float
     * to pay: a step is then its fixed costs and the element-wise gates, and double costs no more.
     */
    public static final int SINGLE_PRECISION_HIDDEN = 128;
    /** Inputs of one batch trace request. */
    public static final Range BATCH_INPUTS = Range.of(1, 200);
    /** Numbers one batch trace answer may hold after slicing (about 40 MB of JSON), so that one request cannot take the heap. */
    public static final long MAX_BATCH_VALUES = 2_000_000;
}
