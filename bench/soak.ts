// `npm run soak -- --minutes 10`: the panel (agent views and the supervisor board) in headless
// Chromium for minutes on end, against an in-process simulator that injects random faults while
// other parties change the calls, checking the PCI invariant ten times a second:
//
//   a page never shows a confirmed Paused (no data-stale) for a call whose recorder is not Paused,
//   nor a confirmed Started for one whose recorder is Paused, once the true state has held for
//   more than 1 s and the page's hub has said Connected for more than 1 s;
//
// and the pause limit: no call stays Paused longer than the agent pages' maxPauseSeconds
// (--max-pause-seconds, 12 by default) plus 10 s while its agent page's hub is Connected and the
// service answers as it should (no fault on set or the state read pending or in effect, no hung
// request, latency spike or slow answer), counted anew after a reconnect or an old event for the
// call. One call's agent pauses and never resumes, and nobody else touches that call: only its
// pause guard ends those pauses; the run recovers only once it has.
//
// One agent page per call and a board watching them all (ids pasted). Other parties act on the
// calls every 0.3–2 s; the agents click Pause/Resume (now and then the shortcut, or a reload); a
// supervisor resumes or marks from the board. Every 1.5–5 s a fault: hub drops, Close with and
// without allowReconnect, negotiation refused, bad answers (5xx, 401, non-JSON, malformed JSON,
// another shape; for set also after the change took effect), latency spikes, hung requests, late
// and duplicate events, and slow answers (the server acts at once, the page gets the answer
// seconds later; for set sometimes with a hub outage behind it in which another party reverses
// the action). Each page records its hub state, shown values, requests and hub frames
// (test-support/page-recorder.ts), so the first violations are printed with what led to them.
//
// Every change in the main run is announced (an event, perhaps lost in a hub outage) or made
// through the API. A separate "silent" call, changed with no event at all, is counted apart, for
// information: no page can know of such a change until its next read.
//
// Needs `npm run build` first. Prints each fault as it is injected, a line a minute and a summary;
// writes bench-results/soak.json. Exit code 0 with no violation and no page error, 1 otherwise
// (and 1 when it could not run), so CI can use `npm run soak -- --minutes 0.5` as a smoke test.
//
// The parts, in bench/soak/: options (command line), pages (calls and pages under test), actors
// (other parties, agents, supervisor, the silent call), faults and slow-answers, sampler (10 Hz)
// with judge (the invariant, unit-tested) and episodes (each disagreement and what led to it),
// report (table and JSON), main (one run).
import { runMain } from './harness.ts'
import { parseSoakArgs } from './soak/options.ts'
import { run } from './soak/main.ts'

await runMain('soak', () => run(parseSoakArgs(process.argv.slice(2))))
