/**
 * The streaming HAR reader: the same entries whatever the chunk boundaries, strings kept only up to
 * their limit, text that is not UTF-8 said so, and files that are not (complete) HARs refused with
 * the byte where reading stopped.
 */
import { describe, expect, it } from 'vitest'
import { HarFormatError, HarReader, type HarEntry } from '../../../electron/io/capture/har-reader'
import { entryTime, strictBase64 } from '../../../electron/io/capture/capture-texts'
import { harEntry, harText } from './har-builder'

const LIMITS = { maxBodyStringBytes: 4096, maxUrlBytes: 1024, maxEntries: 100 }

function read(bytes: Uint8Array, chunk: number, limits = LIMITS): { entries: HarEntry[]; reader: HarReader } {
  const reader = new HarReader(limits)
  const entries: HarEntry[] = []
  for (let at = 0; at < bytes.length; at += chunk) {
    reader.write(bytes.subarray(at, at + chunk))
    entries.push(...reader.take())
  }
  reader.end()
  entries.push(...reader.take())
  return { entries, reader }
}

const tricky = 'é ü 😀 "quoted" back\\slash \u2028 tab\t </script> \\u0041'
const har = harText([
  harEntry({ url: 'https://www.example.com/?q=a%20b', time: '2026-03-01T10:00:00.000Z', response: { mimeType: 'text/html', text: tricky } }),
  harEntry({ url: 'https://www.example.com/form', time: '2026-03-01T10:00:01.000Z', requestBody: { mimeType: 'application/x-www-form-urlencoded', text: 'a=1&b=%2B' } }),
  harEntry({ url: 'https://www.example.com/params', time: '2026-03-01T10:00:02.000Z', requestBody: { mimeType: 'multipart/form-data', params: [{ name: 'x', value: 'one' }, { name: 'y', value: 'two' }] } }),
  harEntry({ url: 'https://www.example.com/b64', time: '2026-03-01T10:00:03.000Z', response: { mimeType: 'application/javascript', text: 'var a = 1', base64: true } }),
])
const bytes = Buffer.from(har, 'utf8')

describe('HarReader', () => {
  it('reads the same entries whatever the chunk size, down to one byte', () => {
    const whole = read(bytes, bytes.length).entries
    expect(whole).toHaveLength(4)
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(read(bytes, size).entries).toEqual(whole)
  })

  it('keeps what the audit needs: times, URLs, bodies with their type and encoding, form parameters', () => {
    const [first, form, params, base64] = read(bytes, 5).entries
    expect(first).toMatchObject({ index: 0, startedDateTime: '2026-03-01T10:00:00.000Z', method: 'GET', url: { ok: true, value: 'https://www.example.com/?q=a%20b' }, requestBody: null })
    expect(first?.responseBody).toEqual({ mimeType: 'text/html', text: { ok: true, value: tricky }, encoding: null, params: [] })
    expect(form?.requestBody).toMatchObject({ mimeType: 'application/x-www-form-urlencoded', text: { ok: true, value: 'a=1&b=%2B' } })
    expect(params?.requestBody?.params).toEqual([
      { name: { ok: true, value: 'x' }, value: { ok: true, value: 'one' } },
      { name: { ok: true, value: 'y' }, value: { ok: true, value: 'two' } },
    ])
    expect(base64?.responseBody).toMatchObject({ encoding: 'base64', text: { ok: true, value: Buffer.from('var a = 1').toString('base64') } })
  })

  it('reads members in any order, and skips what it does not know however deep', () => {
    const text = `{"log":{"entries":[{"response":{"content":{"text":"r","mimeType":"text/plain"}},"_deep":[[[[{"a":[1,2,{"b":"c"}]}]]]],"request":{"url":"u","method":"GET"},"startedDateTime":"2026-01-01T00:00:00Z"}],"version":"1.2"}}`
    const [entry] = read(Buffer.from(text), 3).entries
    expect(entry).toMatchObject({ startedDateTime: '2026-01-01T00:00:00Z', url: { ok: true, value: 'u' }, responseBody: { text: { ok: true, value: 'r' }, mimeType: 'text/plain' } })
  })

  it('does not keep a string over its limit, and says how large it was', () => {
    const large = harText([harEntry({ url: 'https://x/', time: '2026-03-01T10:00:00Z', response: { mimeType: 'text/html', text: 'x'.repeat(10_000) } })])
    const [entry] = read(Buffer.from(large), 333).entries
    expect(entry?.responseBody?.text).toEqual({ ok: false, problem: 'too-large', bytes: 10_000 })
    const longUrl = harText([harEntry({ url: `https://x/?${'a'.repeat(2000)}`, time: '2026-03-01T10:00:00Z' })])
    expect(read(Buffer.from(longUrl), 100).entries[0]?.url).toEqual({ ok: false, problem: 'too-large', bytes: 2011 })
  })

  it('says when a string is not UTF-8 or not well-formed Unicode', () => {
    const bad = Buffer.concat([Buffer.from('{"log":{"entries":[{"request":{"url":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"},"response":{"content":{"text":"\\ud800"}}}]}}')])
    const [entry] = read(bad, 4).entries
    expect(entry?.url).toEqual({ ok: false, problem: 'not-text', bytes: 3 })
    expect(entry?.responseBody?.text).toEqual({ ok: false, problem: 'not-text', bytes: 6 })
  })

  it('reads a file with a byte-order mark', () => {
    expect(read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), 1).entries).toHaveLength(4)
  })

  it('reads entries up to its limit and counts the rest', () => {
    const { entries, reader } = read(bytes, 50, { ...LIMITS, maxEntries: 2 })
    expect(entries.map((entry) => entry.index)).toEqual([0, 1])
    expect(reader.entriesSkipped).toBe(2)
  })

  it.each([
    ['an array', '[{"log":{}}]', /does not start with a JSON object/],
    ['JSON without log.entries', '{"log":{"version":"1.2"}}', /no log\.entries/],
    ['log.entries that is not an array', '{"log":{"entries":{}}}', /"log\.entries" is not an array/],
    ['a truncated file', har.slice(0, 900), /ends before the HAR is complete/],
    ['a syntax error', '{"log":{"entries":[{"request":{"url":"x",}}]}}', /not valid JSON at byte 41: expected a member name/],
    ['a bad literal', '{"log":{"entries":[nope]}}', /unexpected "nope"/],
    ['text after the end', '{"log":{"entries":[]}} {}', /more after the end/],
    ['HTML', '<!doctype html>', /does not start with a JSON object/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => read(Buffer.from(text), 7)).toThrow(HarFormatError)
    expect(() => read(Buffer.from(text), 7)).toThrow(message)
  })

  it('hands out the entries before a syntax error', () => {
    const reader = new HarReader(LIMITS)
    const broken = Buffer.from(`${har.slice(0, har.lastIndexOf('"startedDateTime"'))}, oops`)
    expect(() => reader.write(broken)).toThrow(HarFormatError)
    expect(reader.take().map((entry) => entry.index)).toEqual([0, 1, 2])
  })
})

describe('decoding helpers', () => {
  it('decodes base64 strictly: canonical and padded only', () => {
    expect(strictBase64('aGk=')?.toString()).toBe('hi')
    expect(strictBase64('aGk')).toBeNull()
    expect(strictBase64('aGl=')).toBeNull()
    expect(strictBase64('aG k=')).toBeNull()
    expect(strictBase64('aGk-')).toBeNull()
  })

  it('reads an entry time as ISO 8601 UTC', () => {
    expect(entryTime('2026-03-01T12:30:00.000+02:00')).toBe('2026-03-01T10:30:00.000Z')
    expect(entryTime('yesterday')).toBeNull()
    expect(entryTime(null)).toBeNull()
  })
})
