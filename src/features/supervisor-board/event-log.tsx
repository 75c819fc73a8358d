import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useRef } from 'react'
import { actionName } from '../../api/call-state.ts'
import { t } from '../../i18n/messages.ts'
import { shortId, shortUccName } from './board-rows.ts'
import type { LoggedEvent } from './event-log-buffer.ts'

/** Two lines: the time, short id and action; under them the UCC, with the whole line to itself. */
const LINE_HEIGHT = 38
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
      className="flex min-h-64 flex-col rounded-md border border-slate-300 lg:w-60 lg:shrink-0 2xl:w-80 dark:border-slate-600"
    >
      <h2
        id="event-log-title"
        className="border-b border-slate-300 px-2 py-1.5 text-sm font-semibold dark:border-slate-600"
      >
        {t('boardLogTitle')}{' '}
        <span className="font-normal text-muted">{t('boardLogLast', limit)}</span>
      </h2>
      {/* Focusable so that keyboard users can scroll it (axe: scrollable-region-focusable). */}
      <div
        ref={scrollRef}
        className="min-h-0 flex-1 overflow-y-auto contain-strict"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-label={t('boardLogRegion')}
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
        {events.length === 0 && <p className="p-2 text-xs text-muted">{t('boardLogEmpty')}</p>}
      </div>
    </section>
  )
}

const EventLine = memo(function EventLine({ event, top }: { event: LoggedEvent; top: number }) {
  return (
    <li
      data-testid="event-line"
      className="absolute inset-x-0 top-0 flex flex-col justify-center overflow-hidden border-b border-slate-100 px-2 leading-4 whitespace-nowrap dark:border-slate-800"
      style={{ height: LINE_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <span className="flex gap-2">
        <time className="shrink-0" dateTime={new Date(event.at).toISOString()}>
          {t('time', event.at)}
        </time>
        <span className="shrink-0" title={event.correlationId}>
          {shortId(event.correlationId)}
        </span>
        <span className="ml-auto shrink-0 font-semibold">{actionName(event.action)}</span>
      </span>
      <span data-ucc-name className="truncate text-muted" title={event.uccName}>
        {shortUccName(event.uccName)}
      </span>
    </li>
  )
})
