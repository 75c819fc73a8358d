import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { StartPage } from './start-page.tsx'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const AGENT = 'sip:agent@example.com'

afterEach(() => {
  vi.unstubAllGlobals()
})

function setup(problems: string[] = []) {
  const assign = vi.fn()
  vi.stubGlobal('location', { ...window.location, assign })
  const user = userEvent.setup()
  render(<StartPage uccName="ucc-demo" agentSipUri={AGENT} problems={problems} />)
  return { assign, user }
}

test('the address problems it was given are shown', () => {
  setup(['"nope" is not a valid correlation id.'])
  const alert = screen.getByRole('alert')
  expect(alert).toHaveTextContent(
    'This address cannot be opened; nothing was sent to the recording service.',
  )
  expect(alert).toHaveTextContent('"nope" is not a valid correlation id.')
})

test('the form starts with the UCC and agent it was given', () => {
  setup()
  expect(screen.getByRole('textbox', { name: 'Contact center (UCC)' })).toHaveValue('ucc-demo')
  expect(screen.getByRole('textbox', { name: 'Agent SIP URI' })).toHaveValue(AGENT)
  expect(screen.getByRole('textbox', { name: 'Correlation id' })).toHaveValue('')
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('an invalid correlation id is refused with a message and no navigation', async () => {
  const { assign, user } = setup()
  await user.type(screen.getByRole('textbox', { name: 'Correlation id' }), 'not-a-guid')
  await user.click(screen.getByRole('button', { name: 'Open call' }))
  expect(screen.getByRole('alert')).toHaveTextContent(
    '"not-a-guid" is not a valid correlation id (expected a GUID such as 1d6c6a58-6739-4f0c-98ff-0968292c8c30).',
  )
  expect(assign).not.toHaveBeenCalled()
})

test('an invalid SIP URI is refused with a message and no navigation', async () => {
  const { assign, user } = setup()
  await user.type(screen.getByRole('textbox', { name: 'Correlation id' }), ID)
  const agent = screen.getByRole('textbox', { name: 'Agent SIP URI' })
  await user.clear(agent)
  await user.type(agent, 'agent@example.com')
  await user.click(screen.getByRole('button', { name: 'Open call' }))
  expect(screen.getByRole('alert')).toHaveTextContent(
    '"agent@example.com" is not a valid SIP URI (expected sip:user@domain).',
  )
  expect(assign).not.toHaveBeenCalled()
})

test('an empty form is refused', async () => {
  const { assign, user } = setup()
  await user.clear(screen.getByRole('textbox', { name: 'Contact center (UCC)' }))
  await user.click(screen.getByRole('button', { name: 'Open call' }))
  expect(screen.getByRole('alert')).toHaveTextContent('No contact center (UCC) given')
  expect(screen.getByRole('alert')).toHaveTextContent('"" is not a valid correlation id')
  expect(assign).not.toHaveBeenCalled()
})

test('a valid call opens its panel, trimmed', async () => {
  const { assign, user } = setup()
  await user.type(screen.getByRole('textbox', { name: 'Correlation id' }), `  ${ID} `)
  await user.keyboard('{Enter}')
  expect(assign).toHaveBeenCalledTimes(1)
  expect(assign).toHaveBeenCalledWith(
    `?ucc=ucc-demo&correlationId=${ID}&agent=sip%3Aagent%40example.com`,
  )
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})
