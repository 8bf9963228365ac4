import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CODE_INFO, ERROR_CODES, WARNING_CODES } from '../../../electron/common/codes'

describe('issue codes', () => {
  it('are unique, kebab-case, and each has a summary and advice', () => {
    const all = [...ERROR_CODES, ...WARNING_CODES]
    expect(new Set(all).size).toBe(all.length)
    for (const code of all) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(CODE_INFO[code].summary.length).toBeGreaterThan(0)
      expect(CODE_INFO[code].advice.length).toBeGreaterThan(0)
    }
    expect(Object.keys(CODE_INFO).sort()).toEqual([...all].sort())
  })

  it('include the codes the issue names', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining([
      'input-too-large', 'input-unrecognised', 'sample-invalid',
      'ringcx-identity-malformed', 'ringcx-signed-identity-rejected', 'ringcx-unsigned-identity-rejected',
      'ringcx-jwt-missing-kid', 'ringcx-jwt-unknown-kid', 'ringcx-jwt-alg-not-allowed', 'ringcx-jwt-bad-signature',
      'ringcx-jwt-missing-exp', 'ringcx-jwt-expired', 'ringcx-jwt-exp-too-soon', 'ringcx-jwt-not-yet-valid',
      'ringcx-jwt-missing-uuid',
      'wrong-provided-visitor-field-value', 'wrong-provided-visitor-expires-value', 'provided-visitor-expired',
      'wrong-provided-visitor-hash-value', 'roxchat-no-key', 'roxchat-visitor-malformed',
    ]))
    expect(WARNING_CODES).toContain('ringcx-extra-value-regex-mismatch')
  })

  it('include the codes for hostile input: a sample\'s own settings, several or commented-out identities', () => {
    expect(ERROR_CODES).toContain('input-identity-commented-out')
    expect(WARNING_CODES).toEqual(expect.arrayContaining(['sample-settings-ignored', 'input-several-identities', 'input-commented-identity']))
  })

  it('are all listed in the README\'s error code list', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const section = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('## Performance'))
    for (const code of [...ERROR_CODES, ...WARNING_CODES]) expect(section, code).toContain(`\`${code}\``)
  })
})
