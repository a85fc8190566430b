package dev.snowpipecdc.ingest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting, within a bound, for an SDK's flush or close to be committed; a failure says which wait it was. */
final class CommitWait {

    /** Upper bound for a flush or a channel close to be committed before we give up and say so. */
    static final Duration BOUND = Duration.ofMinutes(2);

    private CommitWait() {
    }

    static void await(CompletableFuture<Void> future, String what) {
        try {
            future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IngestException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IngestException(what + " not committed within " + BOUND, e);
        }
    }
}
