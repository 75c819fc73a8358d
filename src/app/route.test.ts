import { expect, test } from 'vitest'
import { DEFAULT_CONFIG, type PanelConfig } from './config.ts'
import { agentPanelHref } from '../lib/call-address.ts'
import { parseRoute } from './route.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const ID2 = '00000000-0000-4000-8000-000000000000'
const AGENT = 'sip:agent@example.com'
const CONFIG: PanelConfig = {
  ...DEFAULT_CONFIG,
  uccName: 'config-ucc',
  requesterSipUri: 'sip:config@example.com',
}

function query(params: Record<string, string>): string {
  return `?${new URLSearchParams(params).toString()}`
}

test('a full address opens the agent view', () => {
  expect(
    parseRoute(query({ ucc: 'ucc-demo', correlationId: ID, agent: AGENT }), DEFAULT_CONFIG),
  ).toEqual({
    view: 'agent',
    uccName: 'ucc-demo',
    correlationId: ID,
    agentSipUri: AGENT,
  })
})

test('ucc and agent fall back to the config', () => {
  expect(parseRoute(query({ correlationId: ID }), CONFIG)).toEqual({
    view: 'agent',
    uccName: 'config-ucc',
    correlationId: ID,
    agentSipUri: 'sip:config@example.com',
  })
})

test('the address wins over the config', () => {
  expect(
    parseRoute(query({ correlationId: ID, ucc: 'other', agent: AGENT }), CONFIG),
  ).toMatchObject({
    view: 'agent',
    uccName: 'other',
    agentSipUri: AGENT,
  })
})

test('values are trimmed', () => {
  expect(
    parseRoute(
      query({ correlationId: ` ${ID} `, ucc: ' ucc-demo ', agent: ` ${AGENT}` }),
      DEFAULT_CONFIG,
    ),
  ).toEqual({
    view: 'agent',
    uccName: 'ucc-demo',
    correlationId: ID,
    agentSipUri: AGENT,
  })
})

test('no correlation id: the start page without problems', () => {
  expect(parseRoute('', CONFIG)).toEqual({
    view: 'start',
    uccName: 'config-ucc',
    agentSipUri: 'sip:config@example.com',
    problems: [],
  })
  expect(parseRoute(query({ correlationId: '  ' }), DEFAULT_CONFIG)).toMatchObject({
    view: 'start',
    problems: [],
  })
})

test('a malformed correlation id: the start page with a problem, no agent view', () => {
  const route = parseRoute(
    query({ correlationId: 'not-a-guid', ucc: 'ucc-demo', agent: AGENT }),
    DEFAULT_CONFIG,
  )
  expect(route).toEqual({
    view: 'start',
    uccName: 'ucc-demo',
    agentSipUri: AGENT,
    problems: [
      '"not-a-guid" is not a valid correlation id (expected a GUID such as 1d6c6a58-6739-4f0c-98ff-0968292c8c30).',
    ],
  })
})

test('a malformed SIP URI: the start page with a problem', () => {
  const route = parseRoute(
    query({ correlationId: ID, ucc: 'ucc-demo', agent: 'agent@example.com' }),
    DEFAULT_CONFIG,
  )
  expect(route).toEqual({
    view: 'start',
    uccName: 'ucc-demo',
    agentSipUri: 'agent@example.com',
    problems: ['"agent@example.com" is not a valid SIP URI (expected sip:user@domain).'],
  })
})

test('a missing UCC and agent: the start page with both problems', () => {
  expect(parseRoute(query({ correlationId: ID }), DEFAULT_CONFIG)).toEqual({
    view: 'start',
    uccName: '',
    agentSipUri: '',
    problems: [
      'No contact center (UCC) given: add ucc=<name> to the address or set uccName in config.json.',
      'No agent given: add agent=sip:<user>@<domain> to the address or set requesterSipUri in config.json.',
    ],
  })
})

test('an invalid UCC name: the start page with a problem', () => {
  const route = parseRoute(query({ correlationId: ID, ucc: 'a/b', agent: AGENT }), DEFAULT_CONFIG)
  expect(route).toMatchObject({ view: 'start', problems: ['"a/b" is not a valid UCC name.'] })
})

test.each(['..', '.', 'capabilities'])(
  'ucc=%s is refused like other malformed parameters: the panel would call another endpoint',
  (ucc) => {
    const route = parseRoute(query({ correlationId: ID, ucc, agent: AGENT }), DEFAULT_CONFIG)
    expect(route).toMatchObject({ view: 'start', problems: [`"${ucc}" is not a valid UCC name.`] })
  },
)

test('the board refuses ucc=.. and keeps the valid names', () => {
  const route = parseRoute('?view=board&ucc=..,ucc-a', DEFAULT_CONFIG)
  expect(route).toMatchObject({
    view: 'board',
    uccNames: ['ucc-a'],
    problems: ['".." is not a valid UCC name.'],
  })
})

test('a parameter given twice with different values is refused: the address does not say which call or agent', () => {
  const route = parseRoute(
    `?ucc=ucc-demo&correlationId=${ID}&correlationId=${ID2}&agent=${AGENT}&agent=sip:bob@example.com`,
    DEFAULT_CONFIG,
  )
  expect(route).toEqual({
    view: 'start',
    uccName: 'ucc-demo',
    agentSipUri: AGENT,
    problems: [
      'The address gives more than one correlationId: give one.',
      'The address gives more than one agent: give one.',
    ],
  })
  expect(
    parseRoute(`?ucc=a&ucc=b&correlationId=${ID}&agent=${AGENT}`, DEFAULT_CONFIG),
  ).toMatchObject({
    view: 'start',
    problems: ['The address gives more than one ucc: give one.'],
  })
  expect(parseRoute(`?correlationId=&correlationId=${ID}`, CONFIG)).toMatchObject({
    view: 'start',
    problems: ['The address gives more than one correlationId: give one.'],
  })
})

test('a parameter repeated with the same value is not ambiguous', () => {
  expect(
    parseRoute(
      `?ucc=ucc-demo&correlationId=${ID}&correlationId=${ID}&agent=${AGENT}&agent=${AGENT}`,
      DEFAULT_CONFIG,
    ),
  ).toEqual({
    view: 'agent',
    uccName: 'ucc-demo',
    correlationId: ID,
    agentSipUri: AGENT,
  })
})

test('the board view reads lists of UCCs and calls', () => {
  const route = parseRoute(
    query({ view: 'board', ucc: 'ucc-a, ucc-b;ucc-a', calls: `${ID},${ID2} ${ID};` }),
    CONFIG,
  )
  expect(route).toEqual({
    view: 'board',
    uccNames: ['ucc-a', 'ucc-b'],
    correlationIds: [ID, ID2],
    supervisorSipUri: '',
    problems: [],
  })
})

test('the board view falls back to the config UCC and drops invalid entries with problems', () => {
  const route = parseRoute(query({ view: 'board', calls: `${ID},nope` }), CONFIG)
  expect(route).toEqual({
    view: 'board',
    uccNames: ['config-ucc'],
    correlationIds: [ID],
    supervisorSipUri: '',
    problems: ['"nope" is not a valid correlation id.'],
  })
})

test('the board view without calls has an empty list', () => {
  expect(parseRoute(query({ view: 'board', ucc: 'x%y' }), DEFAULT_CONFIG)).toEqual({
    view: 'board',
    uccNames: [],
    correlationIds: [],
    supervisorSipUri: '',
    problems: ['"x%y" is not a valid UCC name.'],
  })
})

const SUPERVISOR = 'sip:lead@example.com'

test('the board acts as supervisor= from the address, which wins over config.json', () => {
  const configured = { ...CONFIG, supervisorSipUri: 'sip:configured@example.com' }
  expect(parseRoute(query({ view: 'board', supervisor: SUPERVISOR }), configured)).toMatchObject({
    view: 'board',
    supervisorSipUri: SUPERVISOR,
    problems: [],
  })
  expect(parseRoute(query({ view: 'board' }), configured)).toMatchObject({
    supervisorSipUri: 'sip:configured@example.com',
  })
  // Never the agent's requesterSipUri: without either, the board acts as nobody.
  expect(parseRoute(query({ view: 'board' }), CONFIG)).toMatchObject({
    supervisorSipUri: '',
    problems: [],
  })
  // Like the board's other parameters, the first one given counts.
  expect(
    parseRoute(`?view=board&supervisor=${SUPERVISOR}&supervisor=sip:other@example.com`, CONFIG),
  ).toMatchObject({ supervisorSipUri: SUPERVISOR, problems: [] })
  // An empty one is nobody, whatever config.json says: the board then says why it offers no action.
  expect(parseRoute('?view=board&supervisor=', configured)).toMatchObject({
    supervisorSipUri: '',
    problems: [],
  })
})

test.each([
  ['lead@example.com', '"lead@example.com" is not a valid SIP URI (expected sip:user@domain).'],
  [
    'sip:a@example.com,sip:b@example.com',
    '"sip:a@example.com,sip:b@example.com" is not a valid SIP URI (expected sip:user@domain).',
  ],
  [
    ' sip:lead@example.com;transport=tls ',
    '"sip:lead@example.com;transport=tls" is not a valid SIP URI (expected sip:user@domain).',
  ],
])(
  'a refused supervisor=%j leaves the board acting as nobody, with a problem',
  (value, problem) => {
    const configured = { ...CONFIG, supervisorSipUri: 'sip:configured@example.com' }
    expect(parseRoute(query({ view: 'board', supervisor: value }), configured)).toMatchObject({
      view: 'board',
      uccNames: ['config-ucc'],
      supervisorSipUri: '',
      problems: [problem],
    })
  },
)

test('a supervisorSipUri in config.json that is not a SIP URI is refused the same way', () => {
  expect(
    parseRoute(query({ view: 'board' }), { ...CONFIG, supervisorSipUri: 'lead' }),
  ).toMatchObject({
    supervisorSipUri: '',
    problems: ['"lead" is not a valid SIP URI (expected sip:user@domain).'],
  })
})

test('agentPanelHref builds an address parseRoute reads back', () => {
  const href = agentPanelHref({ uccName: 'Sales & Support', correlationId: ID, agentSipUri: AGENT })
  expect(parseRoute(href, DEFAULT_CONFIG)).toEqual({
    view: 'agent',
    uccName: 'Sales & Support',
    correlationId: ID,
    agentSipUri: AGENT,
  })
  expect(agentPanelHref({ uccName: 'u', correlationId: ID })).toBe(`?ucc=u&correlationId=${ID}`)
})
