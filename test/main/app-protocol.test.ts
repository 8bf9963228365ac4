import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, resolveRendererAsset, serveRendererRequest } from '../../electron/main/app-protocol'
import { tempDir } from './helpers'

let root: string
let rendererDir: string
beforeAll(async () => {
  root = await tempDir()
  rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'index-abc.css'), 'body{}')
  await writeFile(join(root, 'secret.txt'), 'outside the renderer')
})

describe('resolveRendererAsset', () => {
  it('maps app://renderer paths into the renderer folder', () => {
    expect(resolveRendererAsset(rendererDir, 'app://renderer/assets/index-abc.js')).toBe(join(rendererDir, 'assets', 'index-abc.js'))
    expect(resolveRendererAsset(rendererDir, 'app://renderer/')).toBe(join(rendererDir, 'index.html'))
    expect(resolveRendererAsset(rendererDir, 'app://renderer/index.html?x=1#top')).toBe(join(rendererDir, 'index.html'))
  })

  it.each(['app://renderer/../secret.txt', 'app://renderer/%2e%2e/secret.txt', 'app://renderer/assets/../../secret.txt'])(
    'keeps %s inside the folder (the URL parser already drops the dots)',
    (url) => {
      const resolved = resolveRendererAsset(rendererDir, url)
      expect(resolved === null || resolved.startsWith(`${rendererDir}/`)).toBe(true)
      expect(resolved).not.toBe(join(root, 'secret.txt'))
    },
  )

  it.each([
    'app://renderer/..%2fsecret.txt',
    'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/%00index.html',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'app://user:pw@renderer/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveRendererAsset(rendererDir, url)).toBeNull()
  })
})

describe('serveRendererRequest', () => {
  it('serves the entry page with the CSP as a response header', async () => {
    const response = await serveRendererRequest(rendererDir, { url: APP_ENTRY_URL, method: 'GET' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('<title>app</title>')
  })

  it('gives scripts and styles their types', async () => {
    const script = await serveRendererRequest(rendererDir, { url: 'app://renderer/assets/index-abc.js', method: 'GET' })
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const style = await serveRendererRequest(rendererDir, { url: 'app://renderer/assets/index-abc.css', method: 'HEAD' })
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await style.text()).toBe('')
  })

  it('answers 404 outside the folder or for missing files, and 405 for other methods', async () => {
    expect((await serveRendererRequest(rendererDir, { url: 'app://renderer/..%2fsecret.txt', method: 'GET' })).status).toBe(404)
    expect((await serveRendererRequest(rendererDir, { url: 'app://renderer/missing.js', method: 'GET' })).status).toBe(404)
    expect((await serveRendererRequest(rendererDir, { url: 'app://renderer/assets', method: 'GET' })).status).toBe(404)
    expect((await serveRendererRequest(rendererDir, { url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405)
  })

  it('allows nothing from outside the app in its policy', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ')
      return [name, sources] as const
    }))
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('img-src')).toEqual(["'self'", 'data:'])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe/)
  })
})
