import { expect, test } from 'vitest'
import { parseCsv } from './csv.ts'

test('records end with CRLF; empty fields are kept', () => {
  expect(parseCsv('a,b,c\r\n1,,3\r\n')).toEqual([
    ['a', 'b', 'c'],
    ['1', '', '3'],
  ])
})

test('a quoted field holds commas, line breaks and doubled quotes', () => {
  expect(parseCsv('"x, y","line\r\nbreak","say ""hi"""\r\n')).toEqual([
    ['x, y', 'line\r\nbreak', 'say "hi"'],
  ])
})

test('what RFC 4180 does not allow is an error, not a guess', () => {
  expect(() => parseCsv('a,b\nc,d\n')).toThrow('LF without CR')
  expect(() => parseCsv('a,b')).toThrow('does not end with CRLF')
  expect(() => parseCsv('a"b\r\n')).toThrow('a quote inside an unquoted field')
  expect(() => parseCsv('"ab"c\r\n')).toThrow('text after a closing quote')
  expect(() => parseCsv('"ab\r\n')).toThrow('unterminated')
})
