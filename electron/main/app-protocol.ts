/**
 * The `app://renderer/` origin: the built renderer served from out/renderer with a strict
 * Content-Security-Policy header, instead of file:// pages with their extra privileges.
 * No Electron here, so the path checks and headers are tested in plain Node.
 */
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Everything from our own origin, nothing from anywhere else: no remote scripts, styles, images
 * or connections, so an avatar_url or any other URL in a payload is never fetched.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * Maps an `app://renderer/...` URL to a file inside `rendererDir`, or null when the URL is for
 * another host, is malformed, or would leave the folder (`..`, encoded slashes, absolute paths).
 *
 * @example
 * resolveRendererAsset('/app/out/renderer', 'app://renderer/assets/index.js') // '/app/out/renderer/assets/index.js'
 * resolveRendererAsset('/app/out/renderer', 'app://renderer/..%2f..%2fetc/passwd') // null
 */
export function resolveRendererAsset(rendererDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  if (pathname === '' || pathname === '/') pathname = '/index.html'
  const root = resolve(rendererDir)
  const target = resolve(join(root, pathname))
  const inside = relative(root, target)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  return target
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * Answers one request to the app:// scheme from `rendererDir`.
 *
 * @example
 * protocol.handle('app', (request) => serveRendererRequest(rendererDir, request))
 */
export async function serveRendererRequest(rendererDir: string, request: { readonly url: string; readonly method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'method not allowed')
  const path = resolveRendererAsset(rendererDir, request.url)
  if (path === null) return plainResponse(404, 'not found')
  let body: Buffer
  try {
    body = await readFile(path)
  } catch {
    return plainResponse(404, 'not found')
  }
  const headers = { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
}
