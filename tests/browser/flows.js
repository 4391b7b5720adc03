// tests/browser/flows.js: the main web flows in Debian's Chromium (playwright-core, no browser
// download): sign up by input position, sign in, post, follow, unfollow, sign out. Saves
// screenshots of the public timeline, a signed-in timeline and the sign-up form with an error.
// Usage: MINITWIT_TEST_ENV=<build>/instance.env node flows.js <screenshot dir>
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const SIM_AUTH = 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

function instanceEnv() {
  const file = process.env.MINITWIT_TEST_ENV;
  assert.ok(file && fs.existsSync(file), 'MINITWIT_TEST_ENV must name a running instance');
  return Object.fromEntries(fs.readFileSync(file, 'utf8').split('\n')
    .filter((line) => line.includes('=')).map((line) => line.split(/=(.*)/s).slice(0, 2)));
}

// Gravatar is not reachable offline: answer its identicon URLs with a local SVG of the hash.
function identicon(url) {
  const hash = new URL(url).pathname.split('/').pop() || '0';
  const hue = parseInt(hash.slice(0, 6), 16) % 360;
  let cells = '';
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (parseInt(hash[(y * 3 + x) % hash.length], 16) % 2 === 0) continue;
      for (const cx of new Set([x, 4 - x])) {
        cells += `<rect x="${cx * 8 + 4}" y="${y * 8 + 4}" width="8" height="8"/>`;
      }
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">` +
    `<rect width="48" height="48" fill="#f0f4f8"/><g fill="hsl(${hue},55%,50%)">${cells}</g></svg>`;
}

async function api(env, method, route, body) {
  const res = await fetch(`http://127.0.0.1:${env.MINITWIT_API_PORT}${route}`, {
    method, headers: { Authorization: SIM_AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 204, `${method} ${route}: ${await res.text()}`);
}

async function flashes(page) {
  return page.locator('ul.flashes li').allTextContents();
}

async function main() {
  const env = instanceEnv();
  const web = `http://127.0.0.1:${env.MINITWIT_WEB_PORT}`;
  const shots = path.resolve(process.argv[2] || 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const id = crypto.randomBytes(4).toString('hex');
  const me = `Ada ${id}`;
  const other = `grace_${id}`;

  // Someone to follow, and a few messages so the timelines have something to show.
  await api(env, 'POST', '/register', { username: other, email: `${other}@example.org`, pwd: 'pw' });
  for (const text of ['Hello from the other side of the timeline.',
    'Shipping a C++ FastCGI handler per route. Surprisingly pleasant!',
    'Reminder: flagged messages never show up anywhere.']) {
    await api(env, 'POST', `/msgs/${encodeURIComponent(other)}`, { content: text });
  }

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'minitwit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 800 },
  });
  try {
    await context.route('https://www.gravatar.com/**', (route) => route.fulfill({
      status: 200, contentType: 'image/svg+xml', body: identicon(route.request().url()),
    }));
    const page = context.pages()[0] || await context.newPage();

    // Sign up: a mistake first (kept input, error shown), then by input position as old tests do.
    await page.goto(`${web}/register`);
    assert.equal(await page.title(), 'Sign Up | MiniTwit');
    const inputs = page.locator('input');
    await inputs.nth(0).fill(me);
    await inputs.nth(1).fill('ada@example.org');
    await inputs.nth(2).fill('secret');
    await inputs.nth(3).fill('secrets');
    await inputs.nth(4).click();
    await page.waitForLoadState();
    assert.match(await page.locator('.error').textContent(), /Error: The two passwords do not match/);
    assert.equal(await inputs.nth(0).inputValue(), me);
    assert.equal(await inputs.nth(2).inputValue(), '');
    await page.screenshot({ path: path.join(shots, 'register-error.png'), fullPage: true });
    await inputs.nth(2).fill('secret');
    await inputs.nth(3).fill('secret');
    await inputs.nth(4).click();
    await page.waitForURL(`${web}/login`);
    assert.deepEqual(await flashes(page), ['You were successfully registered and can login now']);

    // Sign in.
    await inputs.nth(0).fill(me);
    await inputs.nth(1).fill('secret');
    await inputs.nth(2).click();
    await page.waitForURL(`${web}/`);
    assert.deepEqual(await flashes(page), ['You were logged in']);
    assert.equal(await page.title(), 'My Timeline | MiniTwit');
    assert.equal(await page.locator('nav a').last().textContent(), `sign out [${me}]`);

    // Post.
    await page.fill('input[name="text"]', 'My first message <b>not bold</b> & "quoted"');
    await page.click('.actions input[type="submit"]');
    await page.waitForURL(`${web}/`);
    assert.deepEqual(await flashes(page), ['Your message was recorded']);
    assert.equal(await page.locator('.messages .text').first().textContent(),
      'My first message <b>not bold</b> & "quoted"');

    // Follow, see the followed user's messages at home, unfollow.
    await page.goto(`${web}/${encodeURIComponent(other)}`);
    assert.match(await page.locator('.followstatus').textContent(), /You are not yet following/);
    await page.click('text=Follow user');
    await page.waitForURL(`${web}/${other}`);
    assert.deepEqual(await flashes(page), [`You are now following "${other}"`]);
    assert.match(await page.locator('.followstatus').textContent(), /You are currently following/);
    await page.click('nav >> text=my timeline');
    await page.waitForURL(`${web}/`);
    const home = await page.locator('.messages .text').allTextContents();
    assert.ok(home.includes('Hello from the other side of the timeline.'), home.join('|'));
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(shots, 'timeline.png'), fullPage: true });
    await page.goto(`${web}/${encodeURIComponent(other)}`);
    await page.click('text=Unfollow user');
    await page.waitForURL(`${web}/${other}`);
    assert.deepEqual(await flashes(page), [`You are no longer following "${other}"`]);

    // Sign out.
    await page.click(`nav >> text=sign out [${me}]`);
    await page.waitForURL(`${web}/public`);
    assert.deepEqual(await flashes(page), ['You were logged out']);
    assert.equal(await page.title(), 'Public Timeline | MiniTwit');
    await page.reload();
    assert.deepEqual(await flashes(page), []);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(shots, 'public.png'), fullPage: true });
    console.log(`browser flows passed; screenshots in ${shots}`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
