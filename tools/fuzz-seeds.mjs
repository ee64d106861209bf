#!/usr/bin/env node
// Writes seed inputs for the fuzz targets into fuzz/corpus/<target>/.
//
//   node tools/fuzz-seeds.mjs            from the recorded Logto traffic
//                                         (../shared/logto-contract, or
//                                         $LOGTO_CONTRACT), as rec-* files,
//                                         which are not committed
//   node tools/fuzz-seeds.mjs --fixtures  from the repository's own fixtures,
//                                         as the committed seed-* files
//
// Each target reads its input its own way (see fuzz/fuzz_targets/): most
// take text; api_decode a status byte and a body; webauthn_json a body;
// sim_experience requests as `METHOD /path`, a body, and `---` lines
// between them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = process.argv.includes('--fixtures');
const prefix = fixtures ? 'seed-' : 'rec-';

// The status table of fuzz/fuzz_targets/api_decode.rs, in its order.
const STATUSES = [200, 201, 204, 299, 300, 302, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 504, 0, 999];

let written = 0;
const seen = new Set();
function seed(target, content) {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  // Small seeds only: libFuzzer's default maximum length is 4 KiB anyway.
  if (bytes.length === 0 || bytes.length > 64 * 1024) return;
  const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 16);
  if (seen.has(target + hash)) return;
  seen.add(target + hash);
  const dir = join(root, 'fuzz', 'corpus', target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, prefix + hash), bytes);
  written += 1;
}

function answer(status, body) {
  const index = Math.max(0, STATUSES.indexOf(status));
  const text = body == null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  seed('api_decode', Buffer.concat([Buffer.from([index]), Buffer.from(text)]));
}

/** Every string in a JSON value, for the text targets. */
function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => strings(item, out));
  return out;
}

function texts(value) {
  for (const text of strings(value)) {
    if (/^(https?:\/\/|\/)/.test(text)) {
      seed('redirect', text);
      seed('host_rewrite', text);
      seed('host_paths', text);
    }
    if (text.includes('{{') || text.includes('<')) seed('phrase_format', text);
    if (/^\+?[\d\s()-]{6,}$/.test(text)) seed('phone', text);
  }
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

if (fixtures) {
  const settings = join(root, 'tests', 'fixtures', 'settings');
  for (const file of ['simulator/data/settings.default.json', 'simulator/data/settings.demo.json']) {
    answer(200, readJson(join(root, file)));
  }
  for (const file of readdirSync(settings).filter((name) => name.endsWith('.json'))) {
    answer(200, readJson(join(settings, file)));
  }
  answer(200, { translation: readJson(join(root, 'src', 'i18n', 'own.en.json')) });
  texts(readJson(join(root, 'src', 'i18n', 'own.en.json')));
  for (const [code, message] of Object.entries(readJson(join(root, 'simulator', 'data', 'messages.own.json')))) {
    answer(400, { code, message });
  }
  for (const user of readJson(join(root, 'simulator', 'data', 'users.default.json'))) {
    const identifier = user.email
      ? { type: 'email', value: user.email }
      : user.phone
        ? { type: 'phone', value: user.phone }
        : { type: 'username', value: user.username };
    seed(
      'sim_experience',
      `POST /verification/password\n${JSON.stringify({ identifier, password: user.password })}`,
    );
    if (user.phone) seed('phone', user.phone);
  }
  for (const path of ['/api/experience', '/oidc/auth', '/sign-in', '/assets/app.js', '/consent', '/callback/apple']) {
    seed('host_paths', path);
  }
  for (const query of ['?app_id=demo-app&ui_locales=fr%20en', '?login_hint=a%40b.c&first_screen=register']) {
    seed('query', query);
  }
  seed('redirect', 'https://app.example.com/callback?code=1&state=s');
  seed('host_rewrite', '_interaction=abc; path=/; domain=tenant.logto.app; secure; httponly; samesite=lax');
  seed('webauthn_json', JSON.stringify({
    type: 'WebAuthn', id: 'AQI', rawId: 'AQI',
    response: { clientDataJSON: 'e30', attestationObject: 'oA', transports: ['internal'] },
    clientExtensionResults: {}, authenticatorAttachment: 'platform',
  }));
} else {
  const corpus = process.env.LOGTO_CONTRACT ?? join(root, '..', 'shared', 'logto-contract');
  if (!existsSync(corpus)) {
    console.log(`fuzz seeds: ${corpus} is absent; only the committed seeds are used`);
    process.exit(0);
  }
  for (const file of readdirSync(corpus).filter((name) => name.endsWith('.json'))) {
    const { exchanges = [] } = readJson(join(corpus, file));
    const requests = [];
    for (const { request, response } of exchanges) {
      answer(response.status, response.body);
      const body = response.body ?? {};
      if (body.authenticationOptions || body.registrationOptions) seed('webauthn_json', JSON.stringify(body));
      if (request.body?.payload) seed('webauthn_json', JSON.stringify(request.body.payload));
      texts(response.body);
      texts(request.body);
      const path = request.path.replace(/^\/api\/experience/, '');
      if (request.method !== 'PUT' || path !== '') {
        const body = request.body == null ? '' : JSON.stringify(request.body);
        requests.push(`${request.method} ${path}\n${body}`);
        seed('sim_experience', `${request.method} ${path}\n${body}`);
      }
      seed('host_paths', request.path);
    }
    // Whole scenarios, as far as the target reads them (four requests).
    if (requests.length > 1) seed('sim_experience', requests.slice(0, 4).join('\n---\n'));
  }
  const wellKnown = join(corpus, 'well-known');
  for (const file of readdirSync(wellKnown).filter((name) => /^(experience|phrases|sign-in-exp)/.test(name))) {
    const body = readFileSync(join(wellKnown, file), 'utf8');
    answer(200, body);
    if (file.startsWith('phrases')) texts(JSON.parse(body));
  }
}
console.log(`fuzz seeds: ${written} written (${prefix}*) into fuzz/corpus/`);
