import { afterEach, expect, test } from 'vitest'
import { en } from './en.ts'
import { chooseLanguage, loadMessages, setMessages, t, type Messages } from './messages.ts'
import { nl } from './nl.ts'

afterEach(() => {
  setMessages(en)
})

const catalogs: Record<string, Record<string, unknown>> = { en, nl }

// The types already make nl.ts give every message of en.ts with the same parameter types; they do
// not catch a missing or extra parameter of a function, nor a message the types let through.
test.each(['en', 'nl'])('every message of the other catalog is in %s, of the same kind', (name) => {
  const catalog = catalogs[name]!
  const other = catalogs[name === 'en' ? 'nl' : 'en']!
  expect(Object.keys(catalog).sort()).toEqual(Object.keys(other).sort())
  for (const [key, message] of Object.entries(other)) {
    const mine = catalog[key]
    expect(typeof mine, key).toBe(typeof message)
    if (typeof message === 'function')
      expect((mine as (...args: unknown[]) => string).length, `${key}: parameters`).toBe(
        message.length,
      )
  }
})

// Messages that may read the same in both languages: product terms, codes, numbers, formats.
const SAME_IN_BOTH = new Set([
  'startCallId', // "Correlation id": the service's own term
  'startSupervisors',
  'recorderHeading',
  'rowRecorder',
  'boardColRecorder',
  'boardColUcc',
  'boardOpen', // "Open": the same imperative in Dutch
  'ledgerRangeCsv',
  'ledgerRangeJson',
  'boardCount',
  'boardMinutes',
  'boardSeconds',
  'boardCorrelationId',
  'boardCopyLabel',
  'ledgerChange',
])

// Messages looked up by a value: checked value by value below.
const BY_VALUE = new Set<string>([
  'locale',
  'time',
  'hubLabel',
  'actionLabel',
  'indicatorTitle',
  'stateWord',
  'byWhom',
  'actionName',
  'errServer',
  'errHttp',
  'advice',
])

/** A sample call of every message: strings as they are, functions with plausible arguments. */
function sample(message: unknown): string {
  if (typeof message === 'string') return message
  const fn = message as (...args: unknown[]) => string
  return fn(...Array.from({ length: fn.length }, (_, i) => (i === 0 ? 'Paused' : 2)))
}

test('every Dutch message says something, and differs from the English one where it should', () => {
  const same: string[] = []
  for (const key of Object.keys(en) as (keyof Messages)[]) {
    if (BY_VALUE.has(key)) continue
    const dutch = sample(nl[key])
    expect(dutch.trim(), key).not.toBe('')
    if (!SAME_IN_BOTH.has(key) && dutch === sample(en[key])) same.push(key)
  }
  expect(same).toEqual([])
})

test('by-value messages have a Dutch word for every value the English one knows', () => {
  expect(nl.hubLabel('Connected')).toBe('Live')
  for (const state of ['Connecting', 'Reconnecting', 'Disconnected'])
    expect(nl.hubLabel(state)).not.toBe(en.hubLabel(state))
  for (const id of ['start', 'resume', 'pause', 'stop', 'save', 'delete', 'mark', 'unmark'])
    for (const busy of [false, true]) expect(nl.actionLabel(id, busy)).not.toBe(id)
  for (const kind of ['recording', 'paused', 'stopped', 'not-started', 'call-unknown']) {
    expect(nl.indicatorTitle(kind)).not.toBe(en.indicatorTitle(kind))
    expect(nl.advice(kind, 'Unknown')).not.toBe('')
    expect(nl.advice(kind, 'Unknown')).not.toBe(en.advice(kind, 'Unknown'))
  }
  for (const [field, values] of [
    ['recording', ['Started', 'Paused', 'Stopped', 'Uninitialized']],
    ['marking', ['None', 'Mark', 'Unmark']],
    ['saving', ['None', 'Save', 'Delete']],
  ] as const)
    for (const value of values) expect(nl.stateWord(field, value)).not.toBe(value)
  for (const source of ['agent', 'auto-resume', 'supervisor', 'host', 'other'])
    expect(nl.byWhom(source)).toMatch(/^(door|automatisch)/)
  for (const type of ['Configuration', 'Validation', 'Processing'])
    expect(nl.errServer(type)).not.toBe(nl.errServer('Other'))
  for (const status of [401, 403, 404, 500, 418, undefined])
    expect(nl.errHttp(status)).not.toBe(en.errHttp(status))
  expect(nl.errHttp(503)).toContain('interne fout (503)')
  expect(nl.advice('unverified', 'Paused')).toContain('Laatst gemeld: Gepauzeerd.')
  expect(nl.advice('unverified', 'Unknown')).not.toContain('Laatst gemeld')
  expect(nl.actionName('Pause')).toBe('Pauze')
  expect(nl.actionName('')).toBe('onbekende actie')
})

test('numbers follow the language', () => {
  expect(en.boardCalls(12_000)).toBe('12,000 calls')
  expect(nl.boardCalls(12_000)).toBe('12.000 gesprekken')
  expect(nl.boardCalls(1)).toBe('1 gesprek')
})

test('times follow the language', () => {
  const at = new Date(2025, 0, 2, 13, 43, 57).getTime()
  expect(nl.time(at)).toBe('13:43:57')
  expect(en.time(at)).toMatch(/^1:43:57\sPM$/)
})

test('t() fills in the active catalog', () => {
  expect(t('sayConfirmed', 'Paused')).toBe('Paused, confirmed.')
  setMessages(nl)
  expect(t('sayConfirmed', 'Gepauzeerd')).toBe('Gepauzeerd, bevestigd.')
  expect(t('actionLabel', 'pause', false)).toBe('Pauzeren')
})

test.each<[string, unknown, string[], string]>([
  // lang= first
  ['?lang=nl', 'en', ['en-US'], 'nl'],
  ['?lang=en', 'nl', ['nl-NL'], 'en'],
  // then config.json's language
  ['', 'nl', ['en-US'], 'nl'],
  ['?ucc=x', 'en', ['nl-BE', 'nl'], 'en'],
  // then the browser's first English or Dutch language
  ['', undefined, ['nl-BE', 'en'], 'nl'],
  ['', undefined, ['de-DE', 'nl', 'en'], 'nl'],
  ['', undefined, ['fr', 'en-GB', 'nl'], 'en'],
  // else English
  ['', undefined, ['de-DE', 'fr'], 'en'],
  ['', undefined, [], 'en'],
  // values that are not a language fall through to the next source
  ['?lang=de', 'nl', ['en'], 'nl'],
  ['?lang=', undefined, ['nl'], 'nl'],
  ['?lang=NL-be', 'de', ['en-US'], 'en'],
  ['?lang=nl&lang=en', undefined, [], 'nl'],
  ['', 'Dutch', ['nl'], 'nl'],
  ['', 'nl-BE', ['en'], 'en'],
  ['', 42, ['fr', 'nl-NL'], 'nl'],
])('language for %j, config %j, browser %j: %s', (search, configured, browser, expected) => {
  expect(chooseLanguage(search, configured, browser)).toBe(expected)
})

test('each language loads its own catalog', async () => {
  await expect(loadMessages('en')).resolves.toBe(en)
  await expect(loadMessages('nl')).resolves.toBe(nl)
})
