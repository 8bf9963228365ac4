/**
 * Serves the built renderer on a loopback port for Chromium: module scripts do not load from
 * file://. Every request is answered by the app's own app:// handler (`serveRendererRequest`),
 * so the files, path checks and security headers (the CSP above all) are the ones the app sends.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { APP_ORIGIN, serveRendererRequest } from '../../electron/main/app-protocol'

export interface RendererServer {
  /** `http://127.0.0.1:<port>/index.html` */
  readonly entryUrl: string
  readonly close: () => Promise<void>
}

export async function startRendererServer(rendererDir: string): Promise<RendererServer> {
  const server: Server = createServer((request, response) => {
    // Chromium asks every http page for a favicon; an Electron window never does.
    if (request.url === '/favicon.ico') {
      response.writeHead(204)
      response.end()
      return
    }
    // http://127.0.0.1:<port>/assets/x.js is asked of the app handler as app://renderer/assets/x.js.
    const appUrl = `${APP_ORIGIN}${request.url ?? '/'}`
    serveRendererRequest(rendererDir, { url: appUrl, method: request.method ?? 'GET' })
      .then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers))
        response.end(Buffer.from(await answer.arrayBuffer()))
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        response.end(String(error))
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    entryUrl: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
