package lstmexplorer.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one client (one remote address) may do at once, so that one participant of a workshop cannot
 * starve the room, and who may override ownership. A limit of 0 means no limit. A client on this very
 * machine (a loopback address) is a script of the person running the server, not a participant, so it
 * is not limited unless {@code limitLoopback} says so.
 *
 * @param jobsPerClient      training jobs a client may have queued or running at the same time
 * @param requestsPerSecond  sustained rate of expensive reads per client: traces, generation, exports, analyses
 * @param burst              how many expensive reads a client may make at once before the rate applies
 * @param trainingsPerMinute new models (training or import) per client and minute; a burst of a third of it, at least 1
 * @param instructorToken    a token that may stop or delete any user model (env LSTM_EXPLORER_INSTRUCTOR_TOKEN); null for none
 * @param limitLoopback      limit clients on 127.0.0.0/8 and ::1 too
 */
public record ClientLimits(int jobsPerClient, double requestsPerSecond, int burst, double trainingsPerMinute, String instructorToken,
                           boolean limitLoopback) {
    public static final String ENV_JOBS = "LSTM_EXPLORER_JOBS_PER_CLIENT";
    public static final String ENV_RATE = "LSTM_EXPLORER_REQUESTS_PER_SECOND";
    public static final String ENV_BURST = "LSTM_EXPLORER_BURST";
    public static final String ENV_TRAININGS = "LSTM_EXPLORER_TRAININGS_PER_MINUTE";
    public static final String ENV_INSTRUCTOR = "LSTM_EXPLORER_INSTRUCTOR_TOKEN";
    public static final String ENV_LIMIT_LOOPBACK = "LSTM_EXPLORER_LIMIT_LOOPBACK";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.%a-zA-Z]*]?");

    public ClientLimits {
        if (jobsPerClient < 0) throw new IllegalArgumentException("jobs per client must not be negative");
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) throw new IllegalArgumentException("requests per second must be 0 or more");
        if (burst < 0) throw new IllegalArgumentException("burst must not be negative");
        if (!(trainingsPerMinute >= 0) || Double.isInfinite(trainingsPerMinute)) throw new IllegalArgumentException("trainings per minute must be 0 or more");
        if (instructorToken != null && instructorToken.isBlank()) instructorToken = null;
        if (instructorToken != null && instructorToken.length() < 12)
            throw new IllegalArgumentException(ENV_INSTRUCTOR + " must be at least 12 characters long");
    }

    /**
     * For a room of about 30 people, each on their own address: two trainings at a time each (sixty
     * in all, within the server's queue of 100, served in turns between people), 20 expensive reads a second with bursts of 60 (the
     * playground traces as you type; a page load asks for a handful), 12 new models a minute.
     */
    public static ClientLimits defaults() { return new ClientLimits(2, 20, 60, 12, null, false); }

    /** No limits (tests). */
    public static ClientLimits unlimited() { return new ClientLimits(0, 0, 0, 0, null, false); }

    public ClientLimits withJobsPerClient(int n) { return new ClientLimits(n, requestsPerSecond, burst, trainingsPerMinute, instructorToken, limitLoopback); }
    public ClientLimits withRequestsPerSecond(double r) { return new ClientLimits(jobsPerClient, r, burst, trainingsPerMinute, instructorToken, limitLoopback); }
    public ClientLimits withBurst(int b) { return new ClientLimits(jobsPerClient, requestsPerSecond, b, trainingsPerMinute, instructorToken, limitLoopback); }
    public ClientLimits withTrainingsPerMinute(double t) { return new ClientLimits(jobsPerClient, requestsPerSecond, burst, t, instructorToken, limitLoopback); }
    public ClientLimits withInstructorToken(String t) { return new ClientLimits(jobsPerClient, requestsPerSecond, burst, trainingsPerMinute, t, limitLoopback); }
    public ClientLimits withLimitLoopback(boolean l) { return new ClientLimits(jobsPerClient, requestsPerSecond, burst, trainingsPerMinute, instructorToken, l); }

    /** Whether the limits apply to a client at this remote address (an IP literal, as the server sees it). */
    public boolean appliesTo(String address) { return limitLoopback || !isLoopback(address); }

    /** 127.0.0.0/8, ::1 and the IPv4-mapped 127.x; never a name lookup (anything but an IP literal is not loopback). */
    static boolean isLoopback(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) return false;
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** These limits overridden by the environment variables that are set. */
    public ClientLimits withEnv(Map<String, String> env) {
        ClientLimits c = this;
        if (set(env, ENV_JOBS)) c = c.withJobsPerClient((int) number(env.get(ENV_JOBS), ENV_JOBS, 10_000));
        if (set(env, ENV_RATE)) c = c.withRequestsPerSecond(number(env.get(ENV_RATE), ENV_RATE, 1_000_000));
        if (set(env, ENV_BURST)) c = c.withBurst((int) number(env.get(ENV_BURST), ENV_BURST, 1_000_000));
        if (set(env, ENV_TRAININGS)) c = c.withTrainingsPerMinute(number(env.get(ENV_TRAININGS), ENV_TRAININGS, 1_000_000));
        if (set(env, ENV_INSTRUCTOR)) c = c.withInstructorToken(env.get(ENV_INSTRUCTOR).trim());
        if (set(env, ENV_LIMIT_LOOPBACK)) c = c.withLimitLoopback(flag(env.get(ENV_LIMIT_LOOPBACK), ENV_LIMIT_LOOPBACK));
        return c;
    }

    private static boolean set(Map<String, String> env, String name) { return env.get(name) != null && !env.get(name).isBlank(); }

    /** true, 1 or yes; false, 0 or no. */
    public static boolean flag(String value, String source) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(source + " must be true or false; got '" + value + "'");
        };
    }

    /** A number from 0 to max, for an option or environment variable named {@code source}. */
    public static double number(String value, String source, double max) {
        try {
            double v = Double.parseDouble(value.trim());
            if (!(v >= 0 && v <= max)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a number from 0 (no limit) to " + (long) max + "; got '" + value + "'");
        }
    }
}
