import { expect, test } from 'vitest'
import { RecordTooLargeError, createRecordReader } from './records.ts'

test('keeps a partial record until its separator arrives', () => {
  const reader = createRecordReader(1024)
  expect(reader.push(Buffer.from('{"type":'))).toEqual([])
  expect(reader.push(Buffer.from('6}\u001e{"type":6}\u001e{"ty'))).toEqual([
    '{"type":6}',
    '{"type":6}',
  ])
  expect(reader.push(Buffer.from('pe":6}\u001e'))).toEqual(['{"type":6}'])
})

test('decodes a UTF-8 character split across two frames', () => {
  const reader = createRecordReader(1024)
  const bytes = Buffer.from('{"ucc":"Zürich"}\u001e')
  const cut = bytes.indexOf(0xc3) + 1
  expect(reader.push(bytes.subarray(0, cut))).toEqual([])
  expect(reader.push(bytes.subarray(cut))).toEqual(['{"ucc":"Zürich"}'])
})

test('refuses to buffer a record without end', () => {
  const reader = createRecordReader(8)
  expect(() => reader.push(Buffer.from('{"type":1,"target"'))).toThrow(RecordTooLargeError)
})
