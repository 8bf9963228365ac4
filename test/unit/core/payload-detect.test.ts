import { describe, expect, it } from 'vitest'
import { MAX_INPUT_BYTES } from '../../../electron/common/limits'
import { detectPayload, type DetectedPayload } from '../../../electron/core/payload-detect'

const TOKEN = 'eyJhbGciOiJIUzI1NiIsImtpZCI6ImhzX21haW4ifQ.eyJ1dWlkIjoidSJ9.c2lnbmF0dXJlLWJ5dGVz'
const OTHER_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1dWlkIjoidjIifQ.b3RoZXI'

const payloadOf = (input: unknown, scheme?: 'ringcx' | 'roxchat'): DetectedPayload =>
  detectPayload(input, scheme === undefined ? {} : { scheme }).payload

const codeOf = (input: unknown, scheme?: 'ringcx' | 'roxchat'): string | null => {
  const payload = payloadOf(input, scheme)
  return payload.kind === 'invalid' ? payload.code : null
}

describe('RingCX signed identities', () => {
  it('reads a compact JWT, trimming surrounding whitespace', () => {
    expect(payloadOf(`  ${TOKEN}\n`)).toEqual({ kind: 'ringcx-jwt', form: 'jwt', token: TOKEN })
  })

  it('reads an alg-none token (empty signature part) as a JWT', () => {
    const token = `${TOKEN.split('.').slice(0, 2).join('.')}.`
    expect(payloadOf(token)).toEqual({ kind: 'ringcx-jwt', form: 'jwt', token })
  })

  it('finds _chatq.push(["_setSignedIdentity", "…"]) inside HTML, using the first matching call', () => {
    const html = `<!doctype html><html><head><script>
      window._chatq = window._chatq || [];
      _chatq.push(["_setSignedIdentity", "${TOKEN}"]);
      _chatq.push(["_setSignedIdentity", "${OTHER_TOKEN}"]);
    </script></head></html>`
    expect(payloadOf(html)).toEqual({ kind: 'ringcx-jwt', form: 'chatq-snippet', token: TOKEN })
  })

  it('accepts single quotes and spacing in the call', () => {
    expect(payloadOf(`_chatq.push( [ '_setSignedIdentity' , '${TOKEN}' ] )`)).toEqual({ kind: 'ringcx-jwt', form: 'chatq-snippet', token: TOKEN })
  })

  it('reads a chat URL carrying jwt_identity=, decoding percent escapes', () => {
    expect(payloadOf(`https://chat.example.com/chat?locale=en&jwt_identity=${TOKEN}&x=1`)).toEqual({ kind: 'ringcx-jwt', form: 'chat-url', token: TOKEN })
    expect(payloadOf(`https://chat.example.com/chat?jwt_identity=${TOKEN.replace(/\./g, '%2E')}`)).toEqual({ kind: 'ringcx-jwt', form: 'chat-url', token: TOKEN })
    expect(payloadOf(`<iframe src="https://chat.example.com/?jwt_identity=${TOKEN}"></iframe>`)).toEqual({ kind: 'ringcx-jwt', form: 'chat-url', token: TOKEN })
  })

  it('refuses bad percent-encoding in jwt_identity as ringcx-identity-malformed', () => {
    expect(codeOf('https://chat.example.com/?jwt_identity=%E0%A4%A')).toBe('ringcx-identity-malformed')
  })

  it('reads any three base64url-alphabet parts as a JWT for the RingCX checks to judge', () => {
    expect(payloadOf('hello.world.x')).toEqual({ kind: 'ringcx-jwt', form: 'jwt', token: 'hello.world.x' })
  })

  it('hands a JWT-shaped text that fails the strict pattern to the RingCX checks', () => {
    const padded = `${TOKEN}=`
    expect(payloadOf(padded)).toEqual({ kind: 'ringcx-jwt', form: 'jwt', token: padded })
  })
})

describe('RingCX unsigned identities', () => {
  it('reads _chatq.push(["_setIdentity", {...}]) with a JavaScript object literal', () => {
    const snippet = `<script>
      _chatq.push(["_setIdentity", {
        uuid: 'u-1',
        firstname: "Ann", // the visitor's first name
        extra_values: { plan: 'gold', note: "a } brace", },
      }]);
    </script>`
    expect(payloadOf(snippet)).toEqual({
      kind: 'ringcx-unsigned',
      form: 'chatq-snippet',
      identity: { uuid: 'u-1', firstname: 'Ann', extra_values: { plan: 'gold', note: 'a } brace' } },
    })
  })

  it('refuses an unclosed or unreadable _setIdentity object as ringcx-identity-malformed', () => {
    expect(codeOf('_chatq.push(["_setIdentity", {uuid: "u"')).toBe('ringcx-identity-malformed')
    expect(codeOf('_chatq.push(["_setIdentity", {uuid: alert(1)}])')).toBe('ringcx-identity-malformed')
  })

  it('reads a JSON object of identity attributes', () => {
    expect(payloadOf('{"uuid": "u-1", "email": "a@b"}')).toEqual({ kind: 'ringcx-unsigned', form: 'json', identity: { uuid: 'u-1', email: 'a@b' } })
    expect(payloadOf('{"extra_values": {"a": "1"}}')).toMatchObject({ kind: 'ringcx-unsigned' })
  })
})

describe('Rox.Chat visitors', () => {
  it('reads the JSON form', () => {
    expect(payloadOf('{"fields": {"id": "1"}, "expires": 5, "hash": "ab"}')).toEqual({
      kind: 'roxchat-visitor',
      form: 'json',
      visitor: { fields: { id: '1' }, expires: 5, hash: 'ab' },
    })
    expect(payloadOf('{"hash": "ab"}')).toMatchObject({ kind: 'roxchat-visitor' })
  })

  it('reads a JSON5-ish visitor (unquoted keys, trailing commas)', () => {
    expect(payloadOf("{fields: {id: '1',}, hash: 'ab',}")).toEqual({ kind: 'roxchat-visitor', form: 'json', visitor: { fields: { id: '1' }, hash: 'ab' } })
  })

  it('reads the roxchat_visitor and webim_visitor page snippets', () => {
    const expected = { kind: 'roxchat-visitor', form: 'page-snippet', visitor: { fields: { id: '1' }, hash: 'ab' } }
    expect(payloadOf('<script>var roxchat_visitor = {fields: {id: "1",}, hash: "ab",};</script>')).toEqual(expected)
    expect(payloadOf('webim_visitor={fields:{id:"1"},hash:"ab"}')).toEqual(expected)
  })

  it('reads null as a logout, as a snippet and as JSON', () => {
    expect(payloadOf('<script>roxchat_visitor = null;</script>')).toEqual({ kind: 'roxchat-logout', form: 'page-snippet' })
    expect(payloadOf('webim_visitor = null')).toEqual({ kind: 'roxchat-logout', form: 'page-snippet' })
    expect(payloadOf('null')).toEqual({ kind: 'roxchat-logout', form: 'json' })
    expect(payloadOf(null)).toEqual({ kind: 'roxchat-logout', form: 'object' })
  })

  it('does not mistake a name starting with "null" for a logout', () => {
    expect(codeOf('roxchat_visitor = nullish;')).toBe('roxchat-visitor-malformed')
  })

  it('refuses an unreadable or non-object snippet as roxchat-visitor-malformed', () => {
    expect(codeOf('roxchat_visitor = {fields: {id: "1"}')).toBe('roxchat-visitor-malformed')
    expect(codeOf('roxchat_visitor = {fields: {id: x}};')).toBe('roxchat-visitor-malformed')
    expect(codeOf('roxchat_visitor = "text";')).toBe('roxchat-visitor-malformed')
  })
})

describe('the first form in the text wins', () => {
  it('takes whichever call or assignment comes first', () => {
    const roxFirst = `roxchat_visitor = {fields: {id: "1"}, hash: "ab"}; _chatq.push(["_setSignedIdentity", "${TOKEN}"]);`
    expect(payloadOf(roxFirst)).toMatchObject({ kind: 'roxchat-visitor' })
    const chatqFirst = `_chatq.push(["_setSignedIdentity", "${TOKEN}"]); roxchat_visitor = {fields: {id: "1"}, hash: "ab"};`
    expect(payloadOf(chatqFirst)).toMatchObject({ kind: 'ringcx-jwt', token: TOKEN })
    const unsignedFirst = `_chatq.push(["_setIdentity", {uuid: "u"}]); _chatq.push(["_setSignedIdentity", "${TOKEN}"]);`
    expect(payloadOf(unsignedFirst)).toMatchObject({ kind: 'ringcx-unsigned' })
  })
})

describe('every identity in a page', () => {
  it('lists them in page order with line and column, marking the commented-out ones', () => {
    const page = `<!-- _chatq.push(["_setSignedIdentity", "${OTHER_TOKEN}"]) -->\n<script>\n  _chatq.push(["_setSignedIdentity", "${TOKEN}"]);\n  // roxchat_visitor = null;\n</script>`
    const detected = detectPayload(page)
    expect(detected.payload).toEqual({ kind: 'ringcx-jwt', form: 'chatq-snippet', token: TOKEN })
    expect(detected.identities).toEqual([
      { form: 'signed-identity-call', offset: 5, line: 1, column: 6, commented: true },
      { form: 'signed-identity-call', offset: page.indexOf(`_chatq.push(["_setSignedIdentity", "${TOKEN}`), line: 3, column: 3, commented: false },
      { form: 'visitor-assignment', offset: page.indexOf('roxchat_visitor'), line: 4, column: 6, commented: true },
    ])
  })

  it('refuses a page whose only identities are commented out, naming the scheme of the first', () => {
    expect(payloadOf('/* roxchat_visitor = null; */ // _chatq.push(["_setIdentity", {uuid: "u"}])')).toMatchObject({ kind: 'invalid', code: 'input-identity-commented-out', scheme: 'roxchat' })
  })

  it('is empty for forms that are not page text', () => {
    for (const input of [TOKEN, '{"fields": {"id": "1"}, "hash": "ab"}', { fields: {}, hash: 'ab' }, null, 'hello world']) {
      expect(detectPayload(input).identities).toEqual([])
    }
  })

  it('comes from a sample\'s payload text', () => {
    expect(detectPayload({ payload: `// x\n_chatq.push(["_setSignedIdentity", "${TOKEN}"])` }).identities).toMatchObject([{ line: 2, commented: false }])
  })
})

describe('QA sample files', () => {
  it('reads a sample with the payload as a string, and all its members', () => {
    const detected = detectPayload(JSON.stringify({
      payload: TOKEN,
      fields: { phone: '1', count: 2 },
      opFields: { comment: 'hi' },
      now: '2026-01-31T12:00:00Z',
      scheme: 'ringcx',
      config: { ringcx: { minExpirySeconds: 60 } },
      qaTicket: { id: 'QA-17' },
      note: 'kept for later',
    }))
    expect(detected.payload).toEqual({ kind: 'ringcx-jwt', form: 'jwt', token: TOKEN })
    expect(detected.sample).toMatchObject({
      fields: { phone: '1', count: '2' },
      opFields: { comment: 'hi' },
      now: new Date('2026-01-31T12:00:00Z'),
      scheme: 'ringcx',
      config: { ringcx: { minExpirySeconds: 60 } },
    })
    expect(detected.sample?.extras).toEqual({ qaTicket: { id: 'QA-17' }, note: 'kept for later' })
  })

  it('reads a sample with the payload as an object', () => {
    const detected = detectPayload({ payload: { fields: { id: '1' }, hash: 'ab' } })
    expect(detected.payload).toEqual({ kind: 'roxchat-visitor', form: 'object', visitor: { fields: { id: '1' }, hash: 'ab' } })
    expect(detected.sample?.extras).toEqual({})
    expect(detected.sample?.fields).toBeUndefined()
    expect(detected.sample?.now).toBeUndefined()
  })

  it('reads every payload form inside a sample string', () => {
    expect(detectPayload({ payload: 'roxchat_visitor = null;' }).payload).toEqual({ kind: 'roxchat-logout', form: 'page-snippet' })
    expect(detectPayload({ payload: `_chatq.push(["_setSignedIdentity", "${TOKEN}"])` }).payload).toMatchObject({ kind: 'ringcx-jwt', form: 'chatq-snippet' })
  })

  it('uses the sample\'s scheme to read an ambiguous object, unless the caller names one', () => {
    expect(detectPayload({ payload: { display_name: 'x' }, scheme: 'roxchat' }).payload).toMatchObject({ kind: 'roxchat-visitor' })
    expect(detectPayload({ payload: { display_name: 'x' }, scheme: 'ringcx' }).payload).toMatchObject({ kind: 'ringcx-unsigned' })
    expect(detectPayload({ payload: { display_name: 'x' }, scheme: 'ringcx' }, { scheme: 'roxchat' }).payload).toMatchObject({ kind: 'roxchat-visitor' })
  })

  it('does not read a sample inside a sample', () => {
    expect(detectPayload({ payload: { payload: TOKEN } }).payload).toMatchObject({ kind: 'invalid', code: 'input-unrecognised' })
  })

  it.each([
    ['now that is not ISO 8601', { now: 'yesterday' }],
    ['now that is not a date', { now: '2026-13-45T00:00:00Z' }],
    ['now as a number', { now: 1767225600 }],
    ['an unknown scheme', { scheme: 'webim' }],
    ['fields that are not an object', { fields: ['a'] }],
    ['opFields that are text', { opFields: 'x' }],
  ])('refuses %s as sample-invalid', (_label, members) => {
    expect(codeOf({ payload: TOKEN, ...members })).toBe('sample-invalid')
  })

  it('keeps prototype names in sample fields as plain data', () => {
    const detected = detectPayload('{"payload": null, "fields": {"__proto__": "x", "id": "1"}}')
    expect(Object.keys(detected.sample?.fields ?? {})).toEqual(['__proto__', 'id'])
    expect(Object.getPrototypeOf(detected.sample?.fields)).toBe(Object.prototype)
  })
})

describe('the scheme option', () => {
  it('reads an object as the named scheme', () => {
    expect(payloadOf({}, 'roxchat')).toMatchObject({ kind: 'roxchat-visitor' })
    expect(payloadOf({}, 'ringcx')).toMatchObject({ kind: 'ringcx-unsigned' })
    expect(codeOf('null', 'ringcx')).toBe('ringcx-identity-malformed')
    expect(codeOf('[1]', 'roxchat')).toBe('roxchat-visitor-malformed')
    expect(codeOf('[1]', 'ringcx')).toBe('ringcx-identity-malformed')
  })

  it('names the scheme\'s code for JSON-looking text that does not parse', () => {
    expect(codeOf('{"fields": ', 'roxchat')).toBe('roxchat-visitor-malformed')
    expect(codeOf('{"uuid": ', 'ringcx')).toBe('ringcx-identity-malformed')
    expect(codeOf('{"fields": ')).toBe('input-unrecognised')
  })
})

describe('unrecognised and oversize input', () => {
  it.each([
    ['plain text', 'hello world'],
    ['an empty text', ''],
    ['a JSON array', '[1, 2]'],
    ['an unrelated object', '{"foo": 1}'],
    ['a number', 42],
  ])('says input-unrecognised for %s', (_label, input) => {
    expect(codeOf(input)).toBe('input-unrecognised')
  })

  it('refuses text over 1 MiB before parsing, counting UTF-8 bytes', () => {
    expect(codeOf(`${TOKEN}${' '.repeat(MAX_INPUT_BYTES - TOKEN.length + 1)}`)).toBe('input-too-large')
    expect(codeOf('é'.repeat(MAX_INPUT_BYTES / 2 + 1))).toBe('input-too-large')
    expect(payloadOf(`${TOKEN}${' '.repeat(MAX_INPUT_BYTES - TOKEN.length)}`)).toMatchObject({ kind: 'ringcx-jwt' })
  })
})
