package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lstmexplorer.io.ModelFile;
import lstmexplorer.io.SnapshotFile;
import lstmexplorer.model.Parameter;
import lstmexplorer.task.Task;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.Snapshot;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReplayTest {
    @Test
    void theRecorderKeepsEvenlySpacedSnapshotsAndTheLatest() {
        Task task = GalleryModels.task("state_memorizer");
        SnapshotRecorder recorder = new SnapshotRecorder(7);
        // 41 evaluations: steps 5, 10, ..., 205
        TrainedModel model = GalleryModels.train(task, TrainingConfig.defaults(task).withSteps(205).withEvaluateEvery(5), recorder);
        List<Snapshot> snapshots = recorder.snapshots();
        assertTrue(snapshots.size() <= 7, snapshots.size() + " snapshots");
        List<Integer> steps = snapshots.stream().map(Snapshot::step).toList();
        // after thinning three times it keeps every 8th evaluation (40 steps apart); the last is also the latest
        assertEquals(List.of(5, 45, 85, 125, 165, 205), steps);
        assertEquals(205, snapshots.get(snapshots.size() - 1).step());
        for (int k = 0; k < model.network().parameters().size(); k++)
            assertArrayEquals(model.network().parameters().get(k).value().data,
                    snapshots.get(snapshots.size() - 1).network().parameters().get(k).value().data);
        // copies, not the live network
        assertTrue(snapshots.get(0).network() != model.network());
        assertThrows(IllegalArgumentException.class, () -> new SnapshotRecorder(1));
    }

    @Test
    void replayTracesTheInputWithEachSnapshot() {
        Task task = GalleryModels.task("counter");
        SnapshotRecorder recorder = new SnapshotRecorder();
        TrainedModel model = GalleryModels.train(task, TrainingConfig.defaults(task).withSeed(1), recorder);
        List<Snapshot> snapshots = recorder.snapshots();
        assertTrue(snapshots.size() >= 2 && snapshots.size() <= SnapshotRecorder.DEFAULT_CAPACITY);
        List<ReplayFrame> frames = new Analyses().replay(model, snapshots, "\naaXbb");
        assertEquals(snapshots.size(), frames.size());
        for (int k = 1; k < frames.size(); k++) assertTrue(frames.get(k).step() > frames.get(k - 1).step());
        // the last frame is the trained model
        Trace now = Trace.of(model, "\naaXbb");
        Trace last = frames.get(frames.size() - 1).trace();
        assertArrayEquals(now.layers().get(0).vectors().get("cell"), last.layers().get(0).vectors().get("cell"));
        assertEquals(1.0, frames.get(frames.size() - 1).testAccuracy());
    }

    @Test
    void snapshotsTravelInAModelFileThatStaysAnOrdinaryModelFile(@TempDir Path dir) throws Exception {
        Task task = GalleryModels.task("counter");
        SnapshotRecorder recorder = new SnapshotRecorder(4);
        TrainedModel model = GalleryModels.train(task, TrainingConfig.defaults(task).withSteps(60), recorder);
        Path file = dir.resolve("model.json");
        SnapshotFile.save(model, recorder.snapshots(), file);

        List<Snapshot> read = SnapshotFile.load(file);
        assertEquals(recorder.snapshots().size(), read.size());
        for (int s = 0; s < read.size(); s++) {
            Snapshot a = recorder.snapshots().get(s), b = read.get(s);
            assertEquals(List.of(a.step(), a.sequences(), a.loss(), a.testAccuracy()), List.of(b.step(), b.sequences(), b.loss(), b.testAccuracy()));
            List<Parameter> pa = a.network().parameters(), pb = b.network().parameters();
            for (int k = 0; k < pa.size(); k++) assertArrayEquals(pa.get(k).value().data, pb.get(k).value().data, pa.get(k).name());
        }
        // ModelFile reads the same file and ignores the extra field; a file without it has no snapshots
        TrainedModel again = ModelFile.load(file);
        assertArrayEquals(model.network().parameters().get(0).value().data, again.network().parameters().get(0).value().data);
        assertEquals(List.of(), SnapshotFile.read(ModelFile.toJson(model)));
        String broken = Files.readString(file).replaceFirst("\"snapshots\" : \\[", "\"snapshots\" : [ {\"weights\": {}}, ");
        assertThrows(IllegalArgumentException.class, () -> SnapshotFile.read(broken));
    }
}
