/**
 * The generic sign request from a vocabulary's declared members, for every member kind — also
 * those no built-in vendor signs generically yet (a JSON object, a picked private key).
 */
import { describe, expect, it } from 'vitest'
import type { SchemeVocabulary } from '../../electron/common/scheme-vocabulary'
import { VOCABULARIES } from '../../electron/common/schemes'
import { draftFor, genericSignRequest, signingKeys } from '../../src/generic-sign-form'
import { storedKey } from './fixtures'

const acme = {
  id: 'acme',
  name: 'Acme',
  fields: { visitorId: 'email', order: ['email'], labels: {} },
  keys: { kidPattern: /^[a-z]+$/, kidRule: 'lower-case letters', kidHint: '', algorithms: { secret: 'secret', RS256: 'rsa-public' }, secretProblem: () => null },
  signRequest: {
    claims: { kind: 'json-object' },
    privateKeyHandle: { kind: 'handle', optional: true },
    mode: { kind: 'one-of', values: ['a', 'b'] },
    until: { kind: 'time', optional: true },
    fields: { kind: 'text-fields' },
  },
} as unknown as SchemeVocabulary

const KEYS = [
  storedKey({ scheme: 'acme' as never, kid: 'main', alg: 'secret' }),
  storedKey({ scheme: 'acme' as never, kid: 'rsa', alg: 'RS256', storage: 'public-key' }),
  storedKey({ scheme: 'acme' as never, kid: 'Bad-Kid', alg: 'secret' }),
  storedKey({ scheme: 'acme' as never, kid: 'broken', alg: 'secret', unreadable: 'cannot be decrypted' }),
  storedKey({ scheme: 'roxchat', kid: 'other', alg: 'secret' }),
]

describe('generic sign requests', () => {
  it('offers only the scheme\'s readable secrets whose Key IDs its rules accept', () => {
    expect(signingKeys(acme, KEYS).map((key) => key.kid)).toEqual(['main'])
  })

  it('starts from a sample value per member, the visitor field named by the vocabulary', () => {
    expect(draftFor(acme).values).toEqual({ claims: '{}', privateKeyHandle: '', mode: 'a', until: '+2h', fields: 'email=qa@example.com' })
    expect(draftFor(VOCABULARIES.zendesk).values).toEqual({ fields: 'external_id=qa-visitor-1', exp: '+2h' })
  })

  it('builds every kind of member, leaving out optional ones left empty', () => {
    const keys = signingKeys(acme, KEYS)
    const draft = { kid: '', values: { claims: '{"sub": "7"}', privateKeyHandle: '', mode: 'b', until: '', fields: 'email=a@b.c' } }
    expect(genericSignRequest(acme, draft, keys, null)).toEqual({
      value: { scheme: 'acme', kid: 'main', claims: { sub: '7' }, mode: 'b', fields: { email: 'a@b.c' } },
      problems: [],
    })
    expect(genericSignRequest(acme, draft, keys, 'handle-1').value).toMatchObject({ privateKeyHandle: 'handle-1' })
  })

  it('collects the problems of every member and sends nothing', () => {
    const draft = { kid: 'main', values: { claims: '[1]', mode: 'a', fields: '' } }
    expect(genericSignRequest(acme, draft, signingKeys(acme, KEYS), null)).toEqual({
      value: null,
      problems: ['Claims JSON must be one object, like {"uuid": "…"}.', 'Fields: give at least one name=value line.'],
    })
    expect(genericSignRequest(acme, draft, [], null).problems).toEqual(['There is no Acme key in the key store to sign with.'])
  })
})
