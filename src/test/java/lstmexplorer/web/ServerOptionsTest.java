package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    @Test
    void defaultsArePort7070AndDataUnderTheWorkingDirectory() {
        ServerOptions o = ServerOptions.parse(new String[0], Map.of());
        assertEquals(7070, o.port());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), o.dataDir());
        assertTrue(o.gallery());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), o.workers());
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Map<String, String> env = Map.of("PORT", "8080", "LSTM_EXPLORER_DATA", "/tmp/from-env");
        ServerOptions fromEnv = ServerOptions.parse(new String[0], env);
        assertEquals(8080, fromEnv.port());
        assertEquals(Path.of("/tmp/from-env"), fromEnv.dataDir());
        ServerOptions o = ServerOptions.parse(new String[] {"--port", "9090", "--data=/tmp/x", "--no-gallery", "--trace-cache-mb", "0"}, env);
        assertEquals(9090, o.port());
        assertEquals(Path.of("/tmp/x"), o.dataDir());
        assertFalse(o.gallery());
        assertEquals(0, o.traceCacheBytes());
        assertEquals(9091, ServerOptions.parse(new String[] {"--port=9091"}, env).port());
    }

    @Test
    void badOptionsAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(new String[] {"--port", "http"}, Map.of()))
                .getMessage().contains("--port must be a port number"));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(new String[] {"--port", "70000"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(new String[] {"--port"}, Map.of()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(new String[0], Map.of("PORT", "x")))
                .getMessage().contains("PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(new String[] {"--verbose"}, Map.of()))
                .getMessage().contains("unknown option '--verbose'"));
    }
}
