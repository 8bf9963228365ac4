/**
 * Regenerates resources/examples/: demo keys, settings and payloads of every form.
 * Run: npx tsx test/support/generate-examples.ts
 * The keys are demo keys, published here on purpose: never use them for a real site.
 */
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import iconv from 'iconv-lite'
import { SignJWT, importPKCS8 } from 'jose'

const folder = resolve(import.meta.dirname, '..', '..', 'resources', 'examples')
mkdirSync(folder, { recursive: true })

const HS_SECRET = 'de305d54a75b431b8d0e11fe'
const ROX_SECRET = 'e64e35642555f3ecd64ae7dbb600dca8'
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

// 2100-01-01: far enough ahead that the demo tokens stay valid.
const FAR_EXP = 4102444800
// Rox.Chat's expires is an Int: its largest value, 2038-01-19.
const ROX_EXPIRES = 2147483000
const LABEL = 'DEMO KEY: published with Visitor Inspector, never use it for a real site'

function write(name: string, content: string): void {
  writeFileSync(join(folder, name), content.endsWith('\n') ? content : `${content}\n`)
}

async function hs256(claims: Record<string, unknown>, kid = 'hs_demo'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(new TextEncoder().encode(HS_SECRET))
}

async function rs256(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'rsa_demo' }).sign(await importPKCS8(privatePem, 'RS256'))
}

function roxHash(fields: Record<string, string>, expires?: number): string {
  const names = Object.keys(fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  const message = names.map((name) => fields[name]).join('') + (expires === undefined ? '' : String(expires))
  return createHmac('sha256', ROX_SECRET).update(message, 'utf8').digest('hex')
}

const ann = {
  uuid: 'c0ffee00-1234-4abc-9def-000000000042',
  firstname: 'Ann',
  lastname: 'Lee',
  email: 'ann.lee@example.com',
  company: 'Example Ltd',
  extra_values: { account_number: '004217', plan: 'gold', last_order: 'A-7781' },
}

write('demo-keys.json', JSON.stringify({
  keys: [
    { scheme: 'ringcx', kid: 'hs_demo', alg: 'HS256', secret: HS_SECRET, label: LABEL },
    { scheme: 'ringcx', kid: 'rsa_demo', alg: 'RS256', publicKeyPem: publicPem, label: LABEL },
    { scheme: 'roxchat', kid: 'rox_demo', secret: ROX_SECRET, label: LABEL },
  ],
}, null, 2))

write('demo-settings.json', JSON.stringify({
  ringcx: {
    signedIdentities: 'require',
    minExpirySeconds: 3600,
    clockToleranceSeconds: 10,
    extraValueMappings: [
      { key: 'account_number', target: 'custom:account_number', regex: '[0-9]{6}' },
      { key: 'uuid', target: 'custom:customer_id' },
    ],
  },
  roxchat: { hashAlgorithm: 'hmac-sha256', priorityOrder: ['providedFields', 'fields', 'opFields'] },
}, null, 2))

const good = await hs256({ ...ann, exp: FAR_EXP })
write('ringcx-verified-hs256.jwt', good)
write('ringcx-verified-rs256.html', `<!-- A page that signs in its visitor with RS256 -->
<script src="/chat-loader.js"></script>
<script>
  window._chatq = window._chatq || [];
  _chatq.push(["_setSignedIdentity", "${await rs256({ ...ann, exp: FAR_EXP })}"]);
</script>`)
write('ringcx-chat-url.txt', `https://chat.example.com/chat?community=demo&jwt_identity=${encodeURIComponent(good)}`)
write('ringcx-expired.sample.json', JSON.stringify({
  payload: await hs256({ ...ann, exp: 1767225600 }),
  now: '2026-01-01T02:00:00Z',
  expect: { verdict: 'rejected', errors: ['ringcx-jwt-expired'] },
}, null, 2))
write('ringcx-exp-too-soon.sample.json', JSON.stringify({
  payload: await hs256({ ...ann, exp: 1767226500 }),
  now: '2026-01-01T00:00:00Z',
  expect: { verdict: 'rejected', errors: ['ringcx-jwt-exp-too-soon'] },
}, null, 2))
const [header, claims] = good.split('.')
const tampered = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()) as Record<string, unknown>
tampered['email'] = 'mallory@example.com'
write('ringcx-bad-signature.jwt', `${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${good.split('.')[2]}`)
write('ringcx-alg-none.jwt', `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'hs_demo' })).toString('base64url')}.${claims}.`)
write('ringcx-unknown-kid.jwt', await hs256({ ...ann, exp: FAR_EXP }, 'hs_retired'))
write('ringcx-missing-uuid.jwt', await hs256({ firstname: 'Ann', exp: FAR_EXP }))
write('ringcx-unsigned.js', `_chatq.push(["_setIdentity", {
  uuid: "${ann.uuid}",
  firstname: "Ann",
  lastname: 'Lee',
  extra_values: { plan: "gold", },
}]);`)

const roxFields = { id: '12345', display_name: 'John', phone: '+10432234376', email: 'abc@rox.chat', loyalty_tier: 'silver' }
write('roxchat-verified.html', `<script>
  roxchat_visitor = {
    fields: {
      id: "12345",
      display_name: "John",
      phone: "+10432234376",
      email: "abc@rox.chat",
      loyalty_tier: "silver",
    },
    expires: ${ROX_EXPIRES},
    hash: "${roxHash(roxFields, ROX_EXPIRES)}",
  };
</script>`)
write('roxchat-merge.sample.json', JSON.stringify({
  payload: { fields: roxFields, expires: ROX_EXPIRES, hash: roxHash(roxFields, ROX_EXPIRES) },
  fields: { phone: '+10432234399', comment: 'Called from the mobile app' },
  opFields: { display_name: 'John Smith', info: 'Prefers e-mail', high_priority: '1' },
  expect: { verdict: 'verified' },
}, null, 2))
write('roxchat-wrong-hash.json', JSON.stringify({ fields: { ...roxFields, phone: '+10000000000' }, expires: ROX_EXPIRES, hash: roxHash(roxFields, ROX_EXPIRES) }, null, 2))
write('roxchat-expired.sample.json', JSON.stringify({
  payload: { fields: { id: '12345' }, expires: 1767225600, hash: roxHash({ id: '12345' }, 1767225600) },
  now: '2026-01-02T00:00:00Z',
  expect: { verdict: 'rejected', errors: ['provided-visitor-expired'] },
}, null, 2))
write('roxchat-logout.js', 'roxchat_visitor = null;')
write('webim-legacy.js', `webim_visitor = {fields: {id: "777", display_name: "Legacy"}, hash: "${roxHash({ id: '777', display_name: 'Legacy' })}"};`)

// In the wild: a legacy v1 visitor hashed over cp1251 bytes, a client.php link, a mobile SDK
// init request, a mobile SDK RingCX token, and the RingCX docs' own example expiry (1986).
const v1Fields = { id: '1001', display_name: 'Иван Петров', email: 'ivan@example.ru', icq: '123456789' }
const v1Message = Object.keys(v1Fields).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  .map((name) => v1Fields[name as keyof typeof v1Fields]).join('')
const v1Crc = createHash('md5').update(Buffer.concat([iconv.encode(v1Message, 'cp1251'), Buffer.from(ROX_SECRET)])).digest('hex')
write('webim-v1-cp1251.js', `// A legacy (v1) visitor: its crc is the MD5 of the values as cp1251 bytes, then the private key.
webim_visitor = ${JSON.stringify({ ...v1Fields, crc: v1Crc }, null, 2)};`)
const linkVisitor = { fields: roxFields, expires: ROX_EXPIRES, hash: roxHash(roxFields, ROX_EXPIRES) }
write('roxchat-client-link.txt', `https://chat.example.com/client.php?location=default&provided-visitor=${encodeURIComponent(JSON.stringify(linkVisitor))}`)
write('roxchat-mobile-visitor-ext.txt', `GET https://demo.rox.chat/l/v/m/init?event=init&platform=android&visitor-ext=${encodeURIComponent(JSON.stringify(linkVisitor))}&title=Main HTTP/1.1`)
const mobileClaims = { extra: { plan: 'gold' }, userId: ann.uuid, userName: 'Ann', email: ann.email, token: 'app-session-42', installationId: '2b1f6c1e-7a0d-4f55-9a64-5c0d7e0a1f42' }
write('ringcx-mobile-sdk.jwt', await new SignJWT(mobileClaims).setProtectedHeader({ typ: 'JWT', alg: 'HS256', kid: 'hs_demo' }).sign(new TextEncoder().encode(HS_SECRET)))
// The integration guide's example exp: 1986-02-02.
write('ringcx-docs-example-1986.jwt', await hs256({ ...ann, exp: 507749400 }))
console.log(`examples written to ${folder}`)
