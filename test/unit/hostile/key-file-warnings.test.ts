/**
 * Key files that are valid but suspicious: a certificate chain or several PEM blocks (only one is
 * used, and the report says which), and a Rox.Chat private key with white space around it (used
 * as written, which is rarely what the admin meant). Each gets a stable warning code, in the
 * import report and on the command line's standard error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { parseKeyFile, type KeyFileReport } from '../../../electron/core/key-parse'
import { NOW, ROX_SECRET, generateRsa, goodClaims, manifest, roxchatVisitor, selfSignedCertificatePem, signToken, type RsaPair } from '../core/helpers'
import { runCaptured, type CapturedRun } from '../../support/captured-cli'

let first: RsaPair
let second: RsaPair
let third: RsaPair
beforeAll(async () => {
  ;[first, second, third] = await Promise.all([generateRsa(), generateRsa(), generateRsa()])
})

const HINT = { scheme: 'ringcx' as const, kid: 'rsa_main' }

function warningCodes(report: KeyFileReport): string[] {
  expect(report.entries.map((entry) => entry.error?.code)).toEqual([undefined])
  return report.keys[0]?.warnings.map((warning) => warning.code) ?? []
}

/** The modulus of the key that was kept, to tell which block was used. */
function usedModulus(report: KeyFileReport): string | undefined {
  const material = report.keys[0]?.material
  return material?.alg === 'RS256' ? material.publicJwk.n : undefined
}

describe('PEM files with more than one block', () => {
  it('warns key-certificate-chain for a chain and uses its first certificate', async () => {
    const chain = [first, second, third].map((pair) => selfSignedCertificatePem(pair)).join('')
    const report = await parseKeyFile(chain, HINT)
    expect(report.format).toBe('certificate')
    expect(warningCodes(report)).toEqual(['key-certificate-chain'])
    expect(report.entries[0]?.warnings.map((warning) => warning.code)).toEqual(['key-certificate-chain'])
    expect(usedModulus(report)).toBe(first.publicJwk.n)
  })

  it('warns the same for a chain given as a manifest\'s publicKeyPem', async () => {
    const chain = selfSignedCertificatePem(second) + selfSignedCertificatePem(first)
    const report = await parseKeyFile(manifest({ scheme: 'ringcx', kid: 'rsa_main', publicKeyPem: chain }))
    expect(warningCodes(report)).toEqual(['key-certificate-chain'])
    expect(usedModulus(report)).toBe(second.publicJwk.n)
  })

  it.each([
    ['two public keys: the first', () => first.publicPem + second.publicPem, () => first],
    ['a private key, then a certificate: the certificate', () => second.privatePem + selfSignedCertificatePem(first), () => first],
    ['a public key, then a private key: the public key', () => second.publicPem + first.privatePem, () => second],
  ])('warns key-pem-several-blocks for %s is used', async (_label, text, used) => {
    const report = await parseKeyFile(`# exported keys\n${text()}`, HINT)
    expect(warningCodes(report)).toEqual(['key-pem-several-blocks'])
    expect(usedModulus(report)).toBe(used().publicJwk.n)
  })

  it('warns nothing for one block, with text around it', async () => {
    expect(warningCodes(await parseKeyFile(`Bag Attributes\n${first.publicPem}\n`, HINT))).toEqual([])
    expect(warningCodes(await parseKeyFile(selfSignedCertificatePem(first), HINT))).toEqual([])
    expect(warningCodes(await parseKeyFile(first.privatePem, HINT))).toEqual(['key-private-reduced'])
  })
})

describe('a Rox.Chat private key with white space around it', () => {
  it.each([
    ['a leading space', ` ${ROX_SECRET}`],
    ['a trailing space', `${ROX_SECRET} `],
    ['a leading tab', `\t${ROX_SECRET}`],
    ['a trailing line break', `${ROX_SECRET}\n`],
    ['a trailing CRLF', `${ROX_SECRET}\r\n`],
    ['a no-break space', `\u00a0${ROX_SECRET}`],
  ])('warns key-secret-whitespace for %s in a manifest, and keeps the key as written', async (_label, secret) => {
    const report = await parseKeyFile(manifest({ scheme: 'roxchat', kid: 'rox_main', secret }))
    expect(warningCodes(report)).toEqual(['key-secret-whitespace'])
    expect(report.keys[0]?.material).toMatchObject({ scheme: 'roxchat', secret })
  })

  it('warns nothing for a manifest secret without it', async () => {
    expect(warningCodes(await parseKeyFile(manifest({ scheme: 'roxchat', kid: 'rox_main', secret: ROX_SECRET })))).toEqual([])
  })

  it.each([
    ['a final line break', [], `${ROX_SECRET}\n`],
    ['a final CRLF', [], `${ROX_SECRET}\r\n`],
    ['no final line break', [], ROX_SECRET],
    ['spaces before the final line break', ['key-secret-whitespace'], `${ROX_SECRET}  \n`],
    ['a leading tab', ['key-secret-whitespace'], `\t${ROX_SECRET}\n`],
  ])('in a text secret file with %s warns %j (the final line break is not part of the key)', async (_label, expected, text) => {
    const report = await parseKeyFile(text, { scheme: 'roxchat', kid: 'rox_main' })
    expect(warningCodes(report)).toEqual(expected)
  })
})

describe('the command line', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vi-key-warnings-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const cli = (...argv: string[]): Promise<CapturedRun> => runCaptured(argv, { now: NOW })

  it('prints each key warning with its code on standard error, and still uses the keys', async () => {
    await writeFile(join(dir, 'chain.pem'), selfSignedCertificatePem(first) + selfSignedCertificatePem(second))
    await writeFile(join(dir, 'rox.json'), manifest({ scheme: 'roxchat', kid: 'rox_main', secret: `${ROX_SECRET} ` }))
    await writeFile(join(dir, 'token.jwt'), await signToken(goodClaims(), { alg: 'RS256', key: first.privateKey, kid: 'rsa_main' }))
    await writeFile(join(dir, 'visitor.json'), JSON.stringify(roxchatVisitor({ id: '42' }, { secret: `${ROX_SECRET} ` })))
    const run = await cli('inspect', join(dir, 'token.jwt'), join(dir, 'visitor.json'), '--key', `ringcx:rsa_main=${join(dir, 'chain.pem')}`, '--key', join(dir, 'rox.json'), '--json')
    expect(run.status).toBe(0)
    const warnings = run.stderr.trim().split('\n')
    expect(warnings.map((line) => /\[([a-z-]+)\]$/.exec(line)?.[1])).toEqual(['key-certificate-chain', 'key-secret-whitespace'])
    expect(warnings.every((line) => line.startsWith('warning: key file '))).toBe(true)
    expect(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { verdict: string }).verdict)).toEqual(['verified', 'verified'])
  })
})
