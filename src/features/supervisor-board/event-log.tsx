import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useRef } from 'react'
import { actionName } from '../../api/call-state.ts'
import { shortId } from './board-rows.ts'
import type { LoggedEvent } from './event-log-buffer.ts'

const LINE_HEIGHT = 22

/**
 * The latest events for the watched UCCs, newest first. Virtualised like the table: a redraw lays
 * out the lines on screen, not all of them. Not a live region: hundreds a second would drown a
 * screen reader.
 */
export function EventLog({ events, limit }: { events: readonly LoggedEvent[]; limit: number }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render only, as documented
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 10,
  })
  return (
    <section
      aria-labelledby="event-log-title"
      className="flex min-h-64 flex-col rounded-md border border-slate-300 lg:w-64 lg:shrink-0 2xl:w-80 dark:border-slate-600"
    >
      <h2
        id="event-log-title"
        className="border-b border-slate-300 px-2 py-1.5 text-sm font-semibold dark:border-slate-600"
      >
        Live events <span className="font-normal text-muted">(last {limit})</span>
      </h2>
      {/* Focusable so that keyboard users can scroll it (axe: scrollable-region-focusable). */}
      <div
        ref={scrollRef}
        className="min-h-0 flex-1 overflow-y-auto contain-strict"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-label="Live events, newest first"
      >
        <ol
          data-testid="event-log"
          className="relative font-mono text-xs"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const event = events[item.index]
            return event ? <EventLine key={event.seq} event={event} top={item.start} /> : null
          })}
        </ol>
        {events.length === 0 && <p className="p-2 text-xs text-muted">No events yet.</p>}
      </div>
    </section>
  )
}

const EventLine = memo(function EventLine({ event, top }: { event: LoggedEvent; top: number }) {
  return (
    <li
      data-testid="event-line"
      className="absolute inset-x-0 top-0 flex gap-2 overflow-hidden whitespace-nowrap border-b border-slate-100 px-2 leading-[22px] dark:border-slate-800"
      style={{ height: LINE_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <time className="shrink-0 whitespace-nowrap" dateTime={new Date(event.at).toISOString()}>
        {new Date(event.at).toLocaleTimeString()}
      </time>
      <span className="min-w-0 truncate" title={event.uccName}>
        {event.uccName}
      </span>
      <span className="shrink-0" title={event.correlationId}>
        {shortId(event.correlationId)}
      </span>
      <span className="ml-auto shrink-0 font-semibold">{actionName(event.action)}</span>
    </li>
  )
})
