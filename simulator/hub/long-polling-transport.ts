import type { IncomingMessage, ServerResponse } from 'node:http'
import { answer } from './http-answers.ts'
import { TransportKind } from './transport.ts'
import type { Transport, TransportEvents } from './transport.ts'

export interface LongPollingTransport extends Transport {
  /** Takes a poll after the first: answers at once with what is queued, else holds it. */
  poll(req: IncomingMessage, res: ServerResponse): void
}

interface HeldPoll {
  res: ServerResponse
  timer: NodeJS.Timeout
}

const NO_CONTENT = 204

/** Answers the first poll at once with 200 and no body (the client takes that as "connected"). */
export function startLongPolling(
  res: ServerResponse,
  pollTimeoutMs: number,
  events: Pick<TransportEvents, 'onEnded'>,
): LongPollingTransport {
  const queue: string[] = []
  let held: HeldPoll | undefined
  let closing = false
  let ended = false

  function end() {
    if (ended) return
    ended = true
    events.onEnded()
  }

  function release(): HeldPoll | undefined {
    const poll = held
    held = undefined
    if (poll) clearTimeout(poll.timer)
    return poll
  }

  /** Gives `res` everything queued; after a close, the queue's last delivery ends the transport. */
  function deliver(res: ServerResponse) {
    if (queue.length > 0) {
      answer(res, 200, queue.splice(0).join(''), { 'Cache-Control': 'no-cache' })
      if (closing) end()
    } else if (closing || ended) {
      answer(res, NO_CONTENT)
      end()
    } else {
      answer(res, 200, '', { 'Cache-Control': 'no-cache' })
    }
  }

  function hold(res: ServerResponse) {
    const timer = setTimeout(() => {
      if (held?.res === res) deliver(release()!.res)
    }, pollTimeoutMs)
    timer.unref()
    held = { res, timer }
    res.on('close', () => {
      if (held?.res === res) release()
    })
  }

  answer(res, 200, '', { 'Cache-Control': 'no-cache' })

  return {
    kind: TransportKind.LongPolling,
    poll(req, res) {
      req.on('error', () => res.destroy())
      res.on('error', () => res.destroy())
      // A new poll means the client gave up on the held one: end it, as ASP.NET Core does.
      const previous = release()
      if (previous) answer(previous.res, NO_CONTENT)
      if (queue.length > 0 || closing || ended) deliver(res)
      else hold(res)
    },
    send(frame) {
      if (ended || closing) return
      queue.push(frame)
      const poll = release()
      if (poll) deliver(poll.res)
    },
    close() {
      if (closing || ended) return
      closing = true
      const poll = release()
      if (poll) deliver(poll.res)
      else if (queue.length === 0) end()
    },
    abort() {
      queue.length = 0
      release()?.res.destroy()
      end()
    },
    isHoldingRequest: () => held !== undefined,
  }
}
