// A strict RFC 4180 reader, for checking the ledger's CSV export as a spreadsheet would read it:
// fields separated by commas, records by CRLF, a quoted field may hold commas, CR, LF and doubled
// quotes. Anything else (a bare LF between records, a quote inside an unquoted field, text after a
// closing quote) is an error, not guessed at.

/** The records of `text` (no byte order mark), each a list of fields. The final CRLF ends the last record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  const fail = (why: string): never => {
    throw new Error(`CSV: ${why} at character ${i} (record ${records.length + 1})`)
  }
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i += 1
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i += 1
          break
        }
        field += text[i]
        i += 1
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') fail('text after a closing quote')
      continue
    }
    const char = text[i]
    if (char === ',') {
      record.push(field)
      field = ''
      i += 1
    } else if (char === '\r') {
      if (text[i + 1] !== '\n') fail('CR without LF')
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 2
    } else if (char === '\n') {
      fail('LF without CR')
    } else if (char === '"') {
      fail('a quote inside an unquoted field')
    } else {
      field += char
      i += 1
    }
  }
  if (field !== '' || record.length > 0) fail('the last record does not end with CRLF')
  return records
}
