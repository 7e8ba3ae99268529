package io.backstory.importexport;

import java.time.Duration;

/** Waiting for an import's background job the way the import page's progress bar does: by reading it again. */
final class ImportJobs {

    private ImportJobs() {
    }

    /** The job once it no longer works, read every {@code every}; an AssertionError once {@code limit} has passed. */
    static ImportJob await(ImportService imports, long jobId, Duration every, Duration limit) throws InterruptedException {
        for (long polls = limit.toMillis() / every.toMillis(); polls > 0; polls--) {
            ImportJob job = imports.job(jobId);
            if (!job.status().working()) {
                return job;
            }
            Thread.sleep(every.toMillis());
        }
        throw new AssertionError("import " + jobId + " still running after " + limit.toSeconds() + " s");
    }
}
