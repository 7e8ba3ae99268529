package io.backstory.importexport;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An import as its database row says: the progress bar and the steps read only this, so it survives a page change. */
public record ImportJob(long id, Status status, String createdBy, Instant createdAt, long rowsTotal, long rowsDone,
                        @Nullable String message, List<String> files, int problemCount) {

    public enum Status {
        UPLOADED, CHECKING, CHECKED, INVALID, QUEUED, RUNNING, DONE, FAILED;

        public boolean working() {
            return this == CHECKING || this == QUEUED || this == RUNNING;
        }
    }

    /** 0..1 for the progress bar. */
    public double progress() {
        return rowsTotal <= 0 ? (status == Status.DONE ? 1 : 0) : Math.min(1.0, (double) rowsDone / rowsTotal);
    }
}
