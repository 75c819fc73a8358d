import { expect, test, vi } from 'vitest'
import { openCallChannel, type CallMessage } from './call-channel.ts'

test('a message posted in one tab reaches the others, well-formed ones only', async () => {
  const one = openCallChannel()
  const two = openCallChannel()
  const heard: CallMessage[] = []
  two.subscribe((message) => heard.push(message))
  one.post({ type: 'acted', key: 'ucc|a' })
  one.post({ type: 'pause-seen', key: 'ucc|a', since: 5, exact: false })
  new BroadcastChannel('recording-panel-calls').postMessage({
    type: 'pause-seen',
    key: 'x',
    since: 'soon',
  })
  await vi.waitFor(() => expect(heard).toHaveLength(2))
  expect(heard).toEqual([
    { type: 'acted', key: 'ucc|a' },
    { type: 'pause-seen', key: 'ucc|a', since: 5, exact: false },
  ])
})

test('without BroadcastChannel, posting reaches nobody and throws nothing', () => {
  const alone = openCallChannel(undefined)
  expect(() => alone.post({ type: 'acted', key: 'k' })).not.toThrow()
})
