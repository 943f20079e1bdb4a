package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lstmexplorer.service.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A body over the limit is refused with 413, and the refused body is read and dropped (within a bound
 * of time and bytes) before the connection closes, so that a client which writes its whole body before
 * reading, as Python's urllib does, gets the answer instead of a reset connection.
 */
class RefusedBodyTest {
    @RegisterExtension
    static final TestServer s = TestServer.perClass(Map.of("counter", TestServer.randomModel("counter", "lstm", 4, 1, 1)));

    static String head(String path, long contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /** Writes the request line, headers and the whole body, and only then reads the answer. */
    static String naiveClient(String path, int bodyBytes) throws IOException {
        try (Socket socket = new Socket("localhost", s.server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(path, bodyBytes).getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '[';
            for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, bodyBytes - sent));
                chunk[0] = ' ';
            }
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** The status line, headers and body of one answer (Content-Length framed). */
    static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            got.write(b);
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) continue;
            int length = Integer.parseInt(text.replaceAll("(?s).*[Cc]ontent-[Ll]ength: *([0-9]+).*", "$1"));
            got.write(in.readNBytes(length));
            break;
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aClientThatSendsTwentyMegabytesBeforeReadingGetsThe413() throws IOException {
        for (String path : List.of("/api/models/counter/trace", "/api/models/counter/traces")) {
            String answer = naiveClient(path, 20 << 20);
            assertTrue(answer.startsWith("HTTP/1.1 413"), path + ": " + answer);
            assertTrue(answer.contains("\"error\":\"content too large\""), answer);
        }
        // within the import's larger limit, but no model file: refused at its first character, and the answer still arrives
        String notAModel = naiveClient("/api/models/import", 20 << 20);
        assertTrue(notAModel.startsWith("HTTP/1.1 400"), notAModel);
        assertTrue(notAModel.contains("\"error\""), notAModel);
        String small = naiveClient("/api/models/counter/trace", Limits.MAX_BODY_BYTES + 10);
        assertTrue(small.startsWith("HTTP/1.1 413"), small);
    }

    @Test
    void aClientThatNeverStopsSendingIsCutOffAfterTheBound() throws IOException {
        for (boolean chunked : new boolean[] {true, false}) {
            long t0 = System.nanoTime();
            long sent = 0;
            try (Socket socket = new Socket("localhost", s.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write((chunked ? "POST /api/models/counter/trace HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" : head("/api/models/counter/trace", 1L << 40)).getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
                try {
                    while (System.nanoTime() - t0 < 60_000_000_000L) {
                        if (chunked) out.write(size);
                        out.write(chunk);
                        if (chunked) out.write(end);
                        sent += chunk.length;
                    }
                } catch (IOException closed) {
                    // the server closed the connection: what this test waits for
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < Limits.REFUSED_BODY_DRAIN_MILLIS / 1000.0 + 10, "chunked " + chunked + ": cut off after " + seconds + " s");
            assertTrue(sent < Limits.REFUSED_BODY_DRAIN_BYTES + (32 << 20), "chunked " + chunked + ": cut off after " + sent + " bytes");
        }
        assertEquals(200, s.get("/api/health").status());
    }

    @Test
    void aClientThatTricklesForeverHoldsNoThreadPastTheBound() throws Exception {
        long t0 = System.nanoTime();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (Socket socket = new Socket("localhost", s.server.port())) {
            Thread reader = new Thread(() -> {
                try {
                    socket.getInputStream().transferTo(answer);
                } catch (IOException e) {
                    // reset by the server
                }
            });
            reader.start();
            OutputStream out = socket.getOutputStream();
            out.write(head("/api/models/counter/trace", Limits.MAX_BODY_BYTES * 2L).getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024];
            try {
                while (reader.isAlive() && System.nanoTime() - t0 < 60_000_000_000L) {
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(10);
                }
            } catch (IOException closed) {
                // the server closed the connection
            }
            reader.join(10_000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < Limits.REFUSED_BODY_DRAIN_MILLIS / 1000.0 + 5, "cut off after " + seconds + " s");
        assertTrue(seconds > Limits.REFUSED_BODY_DRAIN_MILLIS / 1000.0 - 1, "drained for the bound first: " + seconds + " s");
        String got = answer.toString(StandardCharsets.UTF_8);
        assertTrue(got.startsWith("HTTP/1.1 413") && got.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), got);
    }
}
