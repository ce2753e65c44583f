package dev.qualitygate.test.tck;

import dev.qualitygate.history.EventLog;

/** The in-memory event log keeps the contract. */
class InMemoryEventLogContractTest extends EventLogContract {
    @Override
    protected EventLog newLog() {
        return EventLog.inMemory();
    }
}
