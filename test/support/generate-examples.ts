/**
 * Writes resources/examples/: demo keys, settings and payloads of every form.
 * Run: npx tsx test/support/generate-examples.ts
 * The seed vendors' files (RingCX, Rox.Chat, the demo settings) are written only where they are
 * missing, and the RSA demo key is made only then: a run adds or rewrites the peer vendors' files
 * (the same text each time: their secrets are fixed) and leaves the shipped ones as they are.
 * The keys are demo keys, published here on purpose: never use them for a real site.
 */
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import iconv from 'iconv-lite'
import { SignJWT, importPKCS8 } from 'jose'

const folder = resolve(import.meta.dirname, '..', '..', 'resources', 'examples')
mkdirSync(folder, { recursive: true })

const HS_SECRET = 'de305d54a75b431b8d0e11fe'
const ROX_SECRET = 'e64e35642555f3ecd64ae7dbb600dca8'

/** The shipped RSA demo key's public half, when the RS256 example it verifies is shipped too. */
function shippedRsaPublicPem(): string | null {
  if (!existsSync(join(folder, 'ringcx-verified-rs256.html')) || !existsSync(join(folder, 'demo-keys.json'))) return null
  const shipped = JSON.parse(readFileSync(join(folder, 'demo-keys.json'), 'utf8')) as { keys?: { kid?: string; publicKeyPem?: string }[] }
  return shipped.keys?.find((key) => key.kid === 'rsa_demo')?.publicKeyPem ?? null
}

// A new RSA key each run would rewrite the RS256 example and the rsa_demo key: keep the shipped pair.
const keptPublicPem = shippedRsaPublicPem()
const generated = keptPublicPem === null ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : null
const publicPem = keptPublicPem ?? (generated?.publicKey.export({ type: 'spki', format: 'pem' }).toString() ?? '')
const privatePem = generated?.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() ?? ''

// 2100-01-01: far enough ahead that the demo tokens stay valid.
const FAR_EXP = 4102444800
// Rox.Chat's expires is an Int: its largest value, 2038-01-19.
const ROX_EXPIRES = 2147483000
// The peer vendors' demo secrets: published on purpose, never use them for a real site.
const PEER_SECRETS = {
  intercom: { kid: 'web_demo', secret: 'ca471ce42bea5821c546eb9a57cb515f' },
  zendesk: { kid: 'app_000000000000000000demo01', secret: '7713e53261a19179793a99a7914bcb44' },
  crisp: { kid: 'crisp_demo', secret: '3e114d1a426147cd5a894631fa4559c4' },
  chatwoot: { kid: 'chatwoot_demo', secret: '76c9aa44a9b323c5e180f456739408b2' },
  helpscout: { kid: 'helpscout_demo', secret: '2eb1ca06eb9192de9a6ecb00c55ead18' },
  tawkto: { kid: 'tawkto_demo', secret: 'cb4ca0f41e71d2f3d832fec806e75c2f' },
} as const
const INTERCOM_IOS_SECRET = 'ecbf8309b1adcf72cebf99b5d0114b39'
const ZENDESK_OTHER_KID = 'app_000000000000000000demo02'
const ZENDESK_OTHER_SECRET = '427c13321d38c3311e48fe2e11f80c7d'
const LABEL = 'DEMO KEY: published with Visitor Inspector, never use it for a real site'

function write(name: string, content: string): void {
  writeFileSync(join(folder, name), content.endsWith('\n') ? content : `${content}\n`)
}

/** A seed vendor's file: written only where it is missing (the shipped one may have been edited since). */
async function writeSeed(name: string, content: () => string | Promise<string>): Promise<void> {
  if (!existsSync(join(folder, name))) write(name, await content())
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
    ...Object.entries(PEER_SECRETS).map(([scheme, { kid, secret }]) => ({ scheme, kid, secret, label: LABEL })),
    { scheme: 'intercom', kid: 'ios_demo', secret: INTERCOM_IOS_SECRET, label: LABEL },
    { scheme: 'zendesk', kid: ZENDESK_OTHER_KID, secret: ZENDESK_OTHER_SECRET, label: LABEL },
  ],
}, null, 2))

await writeSeed('demo-settings.json', async () => JSON.stringify({
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
await writeSeed('ringcx-verified-hs256.jwt', async () => good)
await writeSeed('ringcx-verified-rs256.html', async () => `<!-- A page that signs in its visitor with RS256 -->
<script src="/chat-loader.js"></script>
<script>
  window._chatq = window._chatq || [];
  _chatq.push(["_setSignedIdentity", "${await rs256({ ...ann, exp: FAR_EXP })}"]);
</script>`)
await writeSeed('ringcx-chat-url.txt', async () => `https://chat.example.com/chat?community=demo&jwt_identity=${encodeURIComponent(good)}`)
await writeSeed('ringcx-expired.sample.json', async () => JSON.stringify({
  payload: await hs256({ ...ann, exp: 1767225600 }),
  now: '2026-01-01T02:00:00Z',
  expect: { verdict: 'rejected', errors: ['ringcx-jwt-expired'] },
}, null, 2))
await writeSeed('ringcx-exp-too-soon.sample.json', async () => JSON.stringify({
  payload: await hs256({ ...ann, exp: 1767226500 }),
  now: '2026-01-01T00:00:00Z',
  expect: { verdict: 'rejected', errors: ['ringcx-jwt-exp-too-soon'] },
}, null, 2))
const [header, claims] = good.split('.')
const tampered = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()) as Record<string, unknown>
tampered['email'] = 'mallory@example.com'
await writeSeed('ringcx-bad-signature.jwt', async () => `${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${good.split('.')[2]}`)
await writeSeed('ringcx-alg-none.jwt', async () => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'hs_demo' })).toString('base64url')}.${claims}.`)
await writeSeed('ringcx-unknown-kid.jwt', async () => await hs256({ ...ann, exp: FAR_EXP }, 'hs_retired'))
await writeSeed('ringcx-missing-uuid.jwt', async () => await hs256({ firstname: 'Ann', exp: FAR_EXP }))
await writeSeed('ringcx-unsigned.js', async () => `_chatq.push(["_setIdentity", {
  uuid: "${ann.uuid}",
  firstname: "Ann",
  lastname: 'Lee',
  extra_values: { plan: "gold", },
}]);`)

const roxFields = { id: '12345', display_name: 'John', phone: '+10432234376', email: 'abc@rox.chat', loyalty_tier: 'silver' }
await writeSeed('roxchat-verified.html', async () => `<script>
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
await writeSeed('roxchat-merge.sample.json', async () => JSON.stringify({
  payload: { fields: roxFields, expires: ROX_EXPIRES, hash: roxHash(roxFields, ROX_EXPIRES) },
  fields: { phone: '+10432234399', comment: 'Called from the mobile app' },
  opFields: { display_name: 'John Smith', info: 'Prefers e-mail', high_priority: '1' },
  expect: { verdict: 'verified' },
}, null, 2))
await writeSeed('roxchat-wrong-hash.json', async () => JSON.stringify({ fields: { ...roxFields, phone: '+10000000000' }, expires: ROX_EXPIRES, hash: roxHash(roxFields, ROX_EXPIRES) }, null, 2))
await writeSeed('roxchat-expired.sample.json', async () => JSON.stringify({
  payload: { fields: { id: '12345' }, expires: 1767225600, hash: roxHash({ id: '12345' }, 1767225600) },
  now: '2026-01-02T00:00:00Z',
  expect: { verdict: 'rejected', errors: ['provided-visitor-expired'] },
}, null, 2))
await writeSeed('roxchat-logout.js', async () => 'roxchat_visitor = null;')
await writeSeed('webim-legacy.js', async () => `webim_visitor = {fields: {id: "777", display_name: "Legacy"}, hash: "${roxHash({ id: '777', display_name: 'Legacy' })}"};`)
// ---------------------------------------------------------------------------------------------
// Peer vendors: each a page snippet that verifies and one usual mistake.

const peerHex = (secret: string, message: string): string => createHmac('sha256', secret).update(message, 'utf8').digest('hex')
const hsJwt = (claims: Record<string, unknown>, secret: string, kid?: string): Promise<string> =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(kid === undefined ? {} : { kid }) }).sign(new TextEncoder().encode(secret))

const INTERCOM_WEB = PEER_SECRETS.intercom.secret
write('intercom-verified.html', `<!-- Intercom identity verification: user_hash = HMAC-SHA256(web secret, user_id) -->
<script>
  window.intercomSettings = {
    api_base: "https://api-iam.intercom.io",
    app_id: "demo_app",
    user_id: "u-1042",
    name: "Ann Lee",
    email: "ann.lee@example.com",
    user_hash: "${peerHex(INTERCOM_WEB, 'u-1042')}",
  };
</script>`)
write('intercom-hash-of-email.js', `Intercom("boot", { app_id: "demo_app", user_id: "u-1042", email: "ann.lee@example.com", user_hash: "${peerHex(INTERCOM_WEB, 'ann.lee@example.com')}" });`)
write('intercom-ios-secret.js', `Intercom("boot", { app_id: "demo_app", user_id: "u-1042", user_hash: "${peerHex(INTERCOM_IOS_SECRET, 'u-1042')}" });`)
write('intercom-jwt.html', `<script>
  window.intercomSettings = { app_id: "demo_app", intercom_user_jwt: "${await hsJwt({ user_id: 'u-1042', email: 'ann.lee@example.com', exp: FAR_EXP }, INTERCOM_WEB)}" };
</script>`)

const ZENDESK = PEER_SECRETS.zendesk
const zendeskClaims = { scope: 'user', external_id: 'cust-1042', name: 'Ann Lee', email: 'ann.lee@example.com', email_verified: true, exp: FAR_EXP }
write('zendesk-verified.html', `<script id="ze-snippet" src="https://static.zdassets.com/ekr/snippet.js?key=demo"></script>
<script>
  zE('messenger', 'loginUser', function (callback) {
    callback('${await hsJwt(zendeskClaims, ZENDESK.secret, ZENDESK.kid)}');
  });
</script>`)
write('zendesk-wrong-kid.jwt', await hsJwt(zendeskClaims, ZENDESK_OTHER_SECRET, ZENDESK.kid))

const CRISP = PEER_SECRETS.crisp.secret
write('crisp-verified.html', `<script>
  window.$crisp = []; window.CRISP_WEBSITE_ID = "demo";
  $crisp.push(["set", "user:email", ["Ann.Lee@example.com", "${peerHex(CRISP, 'Ann.Lee@example.com')}"]]);
</script>`)
write('crisp-lowercased-email.js', `$crisp.push(["set", "user:email", ["Ann.Lee@example.com", "${peerHex(CRISP, 'ann.lee@example.com')}"]]);`)

const CHATWOOT = PEER_SECRETS.chatwoot.secret
write('chatwoot-verified.html', `<script>
  window.addEventListener("chatwoot:ready", function () {
    window.$chatwoot.setUser("cust-1042", { name: "Ann Lee", email: "ann.lee@example.com", identifier_hash: "${peerHex(CHATWOOT, 'cust-1042')}" });
  });
</script>`)
write('chatwoot-uppercase-hash.js', `window.$chatwoot.setUser("cust-1042", { email: "ann.lee@example.com", identifier_hash: "${peerHex(CHATWOOT, 'cust-1042').toUpperCase()}" });`)

const HELPSCOUT = PEER_SECRETS.helpscout.secret
write('helpscout-verified.html', `<script>
  window.Beacon('init', 'demo-beacon-id');
  Beacon('identify', { name: 'Ann Lee', email: 'ann.lee@example.com', signature: '${peerHex(HELPSCOUT, 'ann.lee@example.com')}' });
</script>`)
write('helpscout-base64-signature.js', `Beacon('identify', { email: 'ann.lee@example.com', signature: '${createHmac('sha256', HELPSCOUT).update('ann.lee@example.com').digest('base64')}' });`)

const TAWKTO = PEER_SECRETS.tawkto.secret
write('tawkto-visitor.html', `<script type="text/javascript">
  var Tawk_API = Tawk_API || {};
  Tawk_API.visitor = { name: "Ann Lee", email: "ann.lee@example.com", hash: "${peerHex(TAWKTO, 'ann.lee@example.com')}" };
</script>`)
write('tawkto-login.js', `Tawk_API.onLoad = function () {
  Tawk_API.login({ hash: "${peerHex(TAWKTO, 'cust-1042')}", userId: "cust-1042", name: "Ann Lee", email: "ann.lee@example.com" }, function (error) {});
};`)
write('demo-descriptions.json', JSON.stringify({
  'intercom-verified.html': 'Intercom page snippet, user_hash verified',
  'intercom-jwt.html': 'Intercom Messenger JWT, verified',
  'intercom-hash-of-email.js': 'Intercom user_hash of the email although user_id is sent',
  'intercom-ios-secret.js': 'Intercom user_hash made with the iOS secret on the web',
  'zendesk-verified.html': 'Zendesk loginUser JWT, verified',
  'zendesk-wrong-kid.jwt': 'Zendesk JWT whose kid names the other key',
  'crisp-verified.html': 'Crisp user:email signature, verified',
  'crisp-lowercased-email.js': 'Crisp signature of the lower-cased email',
  'chatwoot-verified.html': 'Chatwoot setUser identifier_hash, verified',
  'chatwoot-uppercase-hash.js': 'Chatwoot identifier_hash in upper-case hex',
  'helpscout-verified.html': 'Help Scout Beacon secure mode, verified',
  'helpscout-base64-signature.js': 'Help Scout signature in base64 instead of hex',
  'tawkto-visitor.html': 'tawk.to Tawk_API.visitor hash, verified',
  'tawkto-login.js': 'tawk.to Tawk_API.login hash of userId (rule unconfirmed), verified',
}, null, 2))

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
