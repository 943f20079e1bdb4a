package lstmexplorer.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import lstmexplorer.io.AtomicFiles;

/**
 * Who may stop or delete a model. Creating a model hands out a random owner token once; only its
 * SHA-256 is kept, next to the model as {@code <id>.owner}, so the data directory never holds a
 * usable token. The instructor token (if configured) opens every user model. Gallery models are
 * nobody's: they cannot be deleted through the API at all, and their training only the instructor
 * may stop.
 */
public final class OwnerTokens {
    public static final String HEADER = "X-Owner-Token";
    private static final String SUFFIX = ".owner";

    private final Path dir;
    private final byte[] instructorHash;
    private final SecureRandom random = new SecureRandom();

    public OwnerTokens(Path dir, String instructorToken) {
        this.dir = dir.toAbsolutePath().normalize();
        this.instructorHash = instructorToken == null ? null : sha256(instructorToken);
    }

    /** A new token for a model just created; its hash is written before the token is returned. */
    public String issue(String modelId) throws IOException {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AtomicFiles.write(file(modelId), (HexFormat.of().formatHex(sha256(token)) + "\n").getBytes(StandardCharsets.US_ASCII));
        return token;
    }

    /** True when {@code token} is the instructor's. */
    public boolean instructor(String token) {
        return token != null && instructorHash != null && MessageDigest.isEqual(instructorHash, sha256(token));
    }

    /** True when {@code token} is the model's owner token or the instructor's. */
    public boolean allows(String modelId, String token) {
        if (token == null || token.isEmpty() || token.length() > 200) return false;
        if (instructor(token)) return true;
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(Files.readString(file(modelId), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(stored, sha256(token));
    }

    /**
     * Refuses (403) unless the token opens the model. {@code action} is what is asked, e.g. "delete".
     *
     * @throws ServiceException FORBIDDEN, with a detail that says how to get the right
     */
    public void require(ModelRecord model, String token, String action) {
        if (model.gallery()) {
            if (instructor(token)) return;
            throw ServiceException.forbidden("'" + model.id() + "' is a gallery model; only the instructor may " + action + " it");
        }
        if (!allows(model.id(), token))
            throw ServiceException.forbidden("only the browser or client that created '" + model.id() + "' may " + action
                    + " it: send its owner token (returned when the model was created) in the " + HEADER + " header");
    }

    /** Lets the token of {@code from} (a counting lab) open {@code to} (one of its models) too; nothing when {@code from} has none. */
    public void share(String from, String to) throws IOException {
        Path source = file(from);
        if (Files.exists(source)) AtomicFiles.write(file(to), Files.readAllBytes(source));
    }

    /** Forgets a deleted model's token. */
    public void forget(String modelId) throws IOException { Files.deleteIfExists(file(modelId)); }

    private Path file(String modelId) {
        if (!ModelStore.validId(modelId)) throw ServiceException.badParameter("id", "a model id is 1 to 64 of a-z, 0-9, '_' and '-'");
        Path file = dir.resolve(modelId + SUFFIX).normalize();
        if (!dir.equals(file.getParent())) throw ServiceException.badParameter("id", "bad model id");
        return file;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
