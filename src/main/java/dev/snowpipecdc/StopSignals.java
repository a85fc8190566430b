package dev.snowpipecdc;

import sun.misc.Signal;

/**
 * SIGTERM (how Kubernetes, systemd and docker stop a process) and SIGINT (Ctrl-C) stop the pipeline gracefully and
 * let {@code run} end with status 0. Left to the JVM, either signal runs the shutdown hooks and ends the process
 * with 128 + the signal's number (143 for SIGTERM), which supervisors report as a failure.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
