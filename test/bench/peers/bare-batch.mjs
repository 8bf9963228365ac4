// The bare limit of a batch on node:crypto: read, parse and HMAC each sample file, nothing else
// (no checks, no reports). `node bare-batch.mjs FOLDER RINGCX_SECRET ROXCHAT_SECRET` prints
// {"verified": n, "total": n, "maxRssMb": n}.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const [folder, ringcxSecret, roxchatSecret] = process.argv.slice(2)
const ringcxKey = createSecretKey(Buffer.from(ringcxSecret))
const roxchatKey = createSecretKey(Buffer.from(roxchatSecret))
let verified = 0
let total = 0

function verifyJwt(token) {
  const [header, claims, signature] = token.split('.')
  JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'))
  const mac = createHmac('sha256', ringcxKey).update(`${header}.${claims}`).digest()
  const given = Buffer.from(signature, 'base64url')
  return mac.length === given.length && timingSafeEqual(mac, given) && typeof payload.uuid === 'string'
}

function verifyVisitor({ fields, expires, hash }) {
  const message = Object.keys(fields).sort().map((name) => fields[name]).join('') + String(expires)
  const digest = Buffer.from(createHmac('sha256', roxchatKey).update(message).digest('hex'))
  const given = Buffer.from(String(hash))
  return digest.length === given.length && timingSafeEqual(digest, given)
}

for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.json')) continue
  const { payload } = JSON.parse(readFileSync(join(entry.parentPath, entry.name), 'utf8'))
  total++
  if (typeof payload === 'string' ? verifyJwt(payload) : verifyVisitor(payload)) verified++
}
process.stdout.write(`${JSON.stringify({ verified, total, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
