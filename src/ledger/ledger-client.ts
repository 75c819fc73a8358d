import type { CallEntry } from '../recording-state/call-entry.ts'
import type { RecordContext } from './ledger-recorder.ts'
import type { LedgerRuntime } from './ledger-runtime.ts'
import type { Ledger, LedgerOptions } from './ledger-store.ts'

// The ledger's only piece in the agent view's first paint (docs/decisions/0010): no library, no
// recorder, no store. It queues what the views observe, and the ledger commands, until `start()`
// (called once the app has rendered) loads the real module with a dynamic import; then it hands
// over the queue, in order, and passes everything straight on. At most `max` steps wait (the
// oldest go first); if the module cannot be loaded, nothing more is kept and `ledger` rejects.

type Task = (runtime: LedgerRuntime) => void

export interface LedgerClient {
  /** A step prev → next of one call's entry (every step, in order). */
  observe(prev: CallEntry | undefined, next: CallEntry, context: RecordContext): void
  /** A call no longer shown: the recorder lets go of it. */
  forget(ucc: string, correlationId: string): void
  /** A ledger command (a pause reason, an incident…), run in order with the steps observed. */
  run<T>(command: (ledger: Ledger) => T): Promise<T>
  /** Loads and opens the ledger (once; later calls return the same promise). */
  start(options: LedgerOptions): Promise<Ledger>
  /** The ledger, once started and open (for the components). */
  readonly ledger: Promise<Ledger>
}

export function createLedgerClient(
  load: () => Promise<{ startLedger(options: LedgerOptions): Promise<LedgerRuntime> }> = () =>
    import('./ledger-runtime.ts'),
  max = 5_000,
): LedgerClient {
  let queue: Task[] | null = []
  let runtime: LedgerRuntime | undefined
  let begin: ((options: LedgerOptions) => void) | undefined
  const ready = new Promise<LedgerRuntime>((resolve) => {
    begin = (options) => {
      begin = undefined
      resolve(load().then((module) => module.startLedger(options)))
    }
  })
  const ledger = ready.then(
    (loaded) => {
      runtime = loaded
      for (const task of queue ?? []) task(loaded)
      queue = null
      return loaded.ledger
    },
    (error: unknown) => {
      queue = null
      throw error
    },
  )
  ledger.catch(() => undefined)
  const enqueue = (task: Task) => {
    if (runtime) task(runtime)
    else if (queue && queue.push(task) > max) queue.shift()
  }
  return {
    ledger,
    observe: (prev, next, context) => enqueue((r) => r.observe(prev, next, context)),
    forget: (ucc, correlationId) => enqueue((r) => r.forget(ucc, correlationId)),
    run: (command) =>
      new Promise((resolve, reject) => {
        enqueue((r) => {
          try {
            resolve(command(r.ledger))
          } catch (error) {
            reject(error)
          }
        })
        ledger.catch(reject)
      }),
    start(options) {
      begin?.(options)
      return ledger
    },
  }
}
