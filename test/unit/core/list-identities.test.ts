/**
 * listIdentities: every identity of a page with its place and its own text, which detectPayload
 * reads as that identity.
 */
import { describe, expect, it } from 'vitest'
import { detectPayload, listIdentities } from '../../../electron/core/payload-detect'

describe('listIdentities', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJ1dWlkIjoidSJ9.c2ln'
  const page = [
    '<!-- _chatq.push(["_setSignedIdentity", "old.old.old"]) -->',
    `<script>_chatq.push(["_setIdentity", {uuid: "u-1", extra_values: {a: "}"}}]);`,
    '  var webim_visitor = null;',
    `  roxchat_visitor = {fields: {id: "1"}, expires: 1, hash: "ab"}; // and more`,
    `</script><a href="https://chat.example.com/?x=1&jwt_identity=${token}">chat</a>`,
  ].join('\n')

  it('lists every identity in page order with its place, its scheme and whether it is commented out', () => {
    const listed = listIdentities(page)
    expect(listed.map(({ form, line, column, commented, scheme }) => ({ form, line, column, commented, scheme }))).toEqual([
      { form: 'signed-identity-call', line: 1, column: 6, commented: true, scheme: 'ringcx' },
      { form: 'identity-call', line: 2, column: 9, commented: false, scheme: 'ringcx' },
      { form: 'visitor-assignment', line: 3, column: 7, commented: false, scheme: 'roxchat' },
      { form: 'visitor-assignment', line: 4, column: 3, commented: false, scheme: 'roxchat' },
      { form: 'chat-url', line: 5, column: 48, commented: false, scheme: 'ringcx' },
    ])
  })

  it('gives each its own text, through its object literal, which detectPayload reads as that identity', () => {
    const texts = listIdentities(page).map((identity) => identity.text)
    expect(texts).toEqual([
      '_chatq.push(["_setSignedIdentity", "old.old.old"])',
      '_chatq.push(["_setIdentity", {uuid: "u-1", extra_values: {a: "}"}}',
      'webim_visitor = null',
      'roxchat_visitor = {fields: {id: "1"}, expires: 1, hash: "ab"}',
      `&jwt_identity=${token}`,
    ])
    expect(texts.map((text) => detectPayload(text).payload.kind)).toEqual(['ringcx-jwt', 'ringcx-unsigned', 'roxchat-logout', 'roxchat-visitor', 'ringcx-jwt'])
  })

  it('lists only the first ones with a limit, in page order across forms', () => {
    expect(listIdentities(page, { limit: 3 }).map((identity) => identity.form)).toEqual(['signed-identity-call', 'identity-call', 'visitor-assignment'])
  })

  it('stays linear on a page of unclosed literals: no literal is looked for past 1 MiB', () => {
    const hostile = '_chatq.push(["_setIdentity", {a: 1, '.repeat(60_000)
    const started = performance.now()
    const listed = listIdentities(hostile, { limit: 20 })
    expect(listed.map((identity) => identity.text.length)).toEqual(Array(20).fill('_chatq.push(["_setIdentity", '.length))
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('finds nothing in text without an identity', () => {
    expect(listIdentities('<html>no chat here</html>')).toEqual([])
  })
})
