// The floor under the rule "HS256 through jose": the bare script (read, parse, check each sample
// file, nothing else), with the JWTs verified by jose's jwtVerify over WebCrypto instead of by
// createHmac, sixteen files in flight as in the batch. `node jose-batch.mjs FOLDER RINGCX_SECRET
// ROXCHAT_SECRET` prints {"verified": n, "total": n, "maxRssMb": n}.
import { createHmac, createSecretKey, timingSafeEqual, webcrypto } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { jwtVerify } from 'jose'

const [folder, ringcxSecret, roxchatSecret] = process.argv.slice(2)
const ringcxKey = await webcrypto.subtle.importKey('raw', Buffer.from(ringcxSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
const roxchatKey = createSecretKey(Buffer.from(roxchatSecret))
const IN_FLIGHT = 16
let verified = 0
let total = 0

async function verifyJwt(token) {
  try {
    const { payload } = await jwtVerify(token, ringcxKey, { algorithms: ['HS256'], requiredClaims: ['exp'] })
    return typeof payload.uuid === 'string'
  } catch {
    return false
  }
}

function verifyVisitor({ fields, expires, hash }) {
  const message = Object.keys(fields).sort().map((name) => fields[name]).join('') + String(expires)
  const digest = Buffer.from(createHmac('sha256', roxchatKey).update(message).digest('hex'))
  const given = Buffer.from(String(hash))
  return digest.length === given.length && timingSafeEqual(digest, given)
}

const inFlight = []
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.json')) continue
  const { payload } = JSON.parse(readFileSync(join(entry.parentPath, entry.name), 'utf8'))
  total++
  inFlight.push(typeof payload === 'string' ? verifyJwt(payload) : verifyVisitor(payload))
  if (inFlight.length >= IN_FLIGHT) if (await inFlight.shift()) verified++
}
for (const pending of inFlight) if (await pending) verified++
process.stdout.write(`${JSON.stringify({ verified, total, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
