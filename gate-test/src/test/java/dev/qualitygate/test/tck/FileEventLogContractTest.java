package dev.qualitygate.test.tck;

import dev.qualitygate.history.EventLog;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded file event log keeps the contract, also with a second log on the same directory. */
class FileEventLogContractTest extends EventLogContract {
    @TempDir
    Path dir;

    @Override
    protected EventLog newLog() {
        return EventLog.files(dir);
    }

    @Override
    protected EventLog sameStorage(EventLog log) {
        return EventLog.files(dir);
    }
}
