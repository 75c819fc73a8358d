import { expect, test } from 'vitest'
import { isCorrelationId, isSipUri, isUccName } from './call-address.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

test.each([
  'sip:agent@example.com',
  'sips:agent.one@sub.example.com',
  'SIP:Agent@Example.COM',
  'sip:a@example.com:5061',
])('isSipUri accepts %s', (value) => {
  expect(isSipUri(value)).toBe(true)
})

test.each([
  'agent@example.com',
  'sip:agent',
  'sip:@example.com',
  'sip:a b@example.com',
  'tel:+3120123',
  'sip:a@ex ample.com',
  '',
])('isSipUri refuses %j', (value) => {
  expect(isSipUri(value)).toBe(false)
})

test('isCorrelationId accepts a GUID in either case and nothing else', () => {
  expect(isCorrelationId(ID)).toBe(true)
  expect(isCorrelationId(ID.toUpperCase())).toBe(true)
  expect(isCorrelationId(`{${ID}}`)).toBe(false)
  expect(isCorrelationId(ID.replaceAll('-', ''))).toBe(false)
  expect(isCorrelationId(`${ID}0`)).toBe(false)
  expect(isCorrelationId('1d6c6a58-6739-4f0c-98ff-0968292c8c3g')).toBe(false)
  expect(isCorrelationId('')).toBe(false)
})

test('isUccName refuses separators, padding and empty names', () => {
  expect(isUccName('Sales NL')).toBe(true)
  expect(isUccName('')).toBe(false)
  expect(isUccName(' padded')).toBe(false)
  expect(isUccName('padded ')).toBe(false)
  expect(isUccName('a/b')).toBe(false)
  expect(isUccName('a?b')).toBe(false)
  expect(isUccName('x'.repeat(201))).toBe(false)
  expect(isUccName('x'.repeat(200))).toBe(true)
})

test.each([
  '.',
  '..',
  '...',
  '.hidden',
  'trailing.',
  '-dash',
  'a%2e',
  '%2e%2e',
  'a\\b',
  'a#b',
  'a;b',
  'a\nb',
  'a\tb',
  '<x>',
])(
  'isUccName refuses %j: not a plain name (a path segment of its own, an escape or a separator)',
  (value) => {
    expect(isUccName(value)).toBe(false)
  },
)

test.each(['ucc-demo-name', 'ucc_sales.nl', 'Verkoop NL', 'Zürich 2', 'Sales & Support', 'a'])(
  'isUccName accepts %j',
  (value) => {
    expect(isUccName(value)).toBe(true)
  },
)
