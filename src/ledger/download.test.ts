import { afterEach, expect, test, vi } from 'vitest'
import { downloadFile } from './download.ts'

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

test('a file is saved through a Blob URL and a download link, which are then let go', async () => {
  vi.useFakeTimers()
  const blobs: Blob[] = []
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob)
    return 'blob:ledger-1'
  })
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
  const clicked: HTMLAnchorElement[] = []
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push(this)
  })

  downloadFile({ name: 'ledger.csv', type: 'text/csv;charset=utf-8', text: '\uFEFFa,b\r\n' })

  expect(clicked).toHaveLength(1)
  expect(clicked[0]).toMatchObject({ href: 'blob:ledger-1', download: 'ledger.csv' })
  expect(clicked[0]?.isConnected).toBe(false)
  expect(blobs[0]?.type).toBe('text/csv;charset=utf-8')
  // UTF-8 with its byte order mark.
  expect([...new Uint8Array(await blobs[0]!.arrayBuffer())].slice(0, 4)).toEqual([
    0xef, 0xbb, 0xbf, 0x61,
  ])
  expect(revoke).not.toHaveBeenCalled()
  vi.runAllTimers()
  expect(revoke).toHaveBeenCalledWith('blob:ledger-1')
})
