/**
 * The peer vendors' identities in one page: every one found in text order with its form,
 * commented-out ones flagged, each one's own text readable alone (what `cli audit` inspects).
 */
import { describe, expect, it } from 'vitest'
import { detectPayload, listIdentities } from '../../../electron/core/payload-detect'

const PAGE = `<html><script>
  $chatwoot.setUser("u-1", {identifier_hash: "00"});
  /* Beacon('identify', {email: "old@b.c", signature: "00"}); */
  Beacon('identify', {email: "a@b.c", signature: "00"});
</script>
<!-- <script>Tawk_API.visitor = {email: "a@b.c", hash: "00"};</script> -->
<script>Tawk_API.login({userId: "u-1", hash: "00"}, function () {});
$crisp.push(["set", "user:email", ["a@b.c", "00"]]);
window.intercomSettings = {user_id: "u-1", user_hash: "00"};</script>`

describe('peer vendors in page text', () => {
  it('finds every identity in order, flags commented-out ones, and reads each alone', () => {
    const found = detectPayload(PAGE).identities.map((identity) => [identity.form, identity.commented])
    expect(found).toEqual([
      ['chatwoot-set-user', false], ['helpscout-identify', true], ['helpscout-identify', false], ['tawkto-visitor', true],
      ['tawkto-login', false], ['crisp-push', false], ['intercom-settings', false],
    ])
    for (const identity of listIdentities(PAGE)) {
      expect(detectPayload(identity.text).payload.kind).toMatch(new RegExp(`^${identity.scheme}-`))
    }
  })
})

describe('text no scheme reads', () => {
  it('lists the registered schemes\' forms, not only the seed vendors\'', () => {
    const { payload } = detectPayload('hello there')
    expect(payload).toMatchObject({ kind: 'invalid', code: 'input-unrecognised' })
    const message = (payload as { message: string }).message
    for (const words of ['a JWT', 'a _setSignedIdentity call', 'a $chatwoot.setUser call', 'a Tawk_API.login call', 'visitor JSON']) expect(message).toContain(words)
  })
})
