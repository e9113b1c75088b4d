import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** Debian's Chromium, installed by `.ci/run`; no browser download at test time. */
export const CHROMIUM = process.env.WARRANT_CHROMIUM ?? '/usr/bin/chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));
const clientDir = join(root, 'client');

/**
 * Whether browser tests can run here. Without Chromium they are skipped with a message,
 * unless `WARRANT_REQUIRE_BROWSER=1` (CI), where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium not found at ${CHROMIUM}: browser tests skipped (install the chromium package, or set WARRANT_CHROMIUM).`;
  if (process.env.WARRANT_REQUIRE_BROWSER === '1') {
    throw new Error(`${message} WARRANT_REQUIRE_BROWSER=1 makes this a failure.`);
  }
  console.warn(message);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.'))
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (!entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

/**
 * The production client build the relay serves, built once per distinct source: the output
 * lives under a hash of client/ and shared/ sources, so repeated runs reuse it and parallel
 * test files never build twice (the first to take the lock builds, the rest wait).
 */
export async function builtClient(): Promise<string> {
  const hash = createHash('sha256');
  hash.update('production build v2');
  for (const file of [...sourceFiles(clientDir), ...sourceFiles(join(root, 'shared', 'src'))]) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  const key = hash.digest('hex').slice(0, 16);
  // Not under a dot-directory: the relay's static file server refuses paths through one.
  const cache = join(tmpdir(), 'warrant-browser-client');
  const out = join(cache, key);
  const lock = join(cache, `${key}.lock`);
  mkdirSync(cache, { recursive: true });
  if (existsSync(join(out, 'index.html'))) return out;
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // Another test file is building the same source; a lock older than 5 min is stale.
    if (Date.now() - statSync(lock).mtimeMs > 300_000)
      rmSync(lock, { recursive: true, force: true });
  }
  if (!owner) {
    await waitFor(() => existsSync(join(out, 'index.html')) || !existsSync(lock), {
      timeoutMs: 300_000,
      what: 'the client build of another test file',
    });
    if (existsSync(join(out, 'index.html'))) return out;
    return builtClient();
  }
  try {
    const staging = mkdtempSync(join(cache, 'staging-'));
    const vite = join(clientDir, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(
      process.execPath,
      [vite, 'build', '--outDir', staging, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: clientDir,
        encoding: 'utf8',
        // vitest sets NODE_ENV=test, which would build React's development flavour.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (result.status !== 0)
      throw new Error(`Building the client failed:\n${result.stdout}\n${result.stderr}`);
    rmSync(out, { recursive: true, force: true });
    renameSync(staging, out);
    return out;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A person in their own browser context (own storage, own IndexedDB). */
export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export async function newPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { name, context, page, errors };
}

/** A new person (`newPerson`) on the suite's list, so their page errors fail the suite. */
export async function enlist(browser: Browser, people: Person[], name: string): Promise<Person> {
  const person = await newPerson(browser, name);
  people.push(person);
  return person;
}

/** A new share link of that role, made in the Share dialog of the map open on `page`. */
export async function createShareLink(
  page: Page,
  role: 'editor' | 'commenter' | 'viewer',
): Promise<string> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = page.getByRole('dialog', { name: 'Share this map' });
  await share.getByRole('button', { name: `Create ${role} link` }).click();
  const link = share.getByRole('textbox', { name: new RegExp(`New ${role} link`) });
  await link.waitFor();
  const url = await link.inputValue();
  await page.keyboard.press('Escape');
  return url;
}

/**
 * What every browser suite sets up, once per `describe`: a real relay serving the built
 * client, one Chromium, and the people a test opens, whose page errors fail the suite.
 * `started` receives the relay and browser once they are up; returns the people list.
 */
export function browserSuite(started: (relay: RelayProcess, browser: Browser) => void): Person[] {
  let relay: RelayProcess | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];
  beforeAll(async () => {
    const dist = await builtClient();
    [relay, browser] = await Promise.all([
      newRelay({ env: { WARRANT_CLIENT_DIST: dist } }),
      launchBrowser(),
    ]);
    started(relay, browser);
  });
  afterAll(async () => {
    for (const p of people) expect(p.errors, `page errors in ${p.name}'s browser`).toEqual([]);
    await browser?.close();
    await relay?.dispose();
  });
  return people;
}

/** A map made through the API as its owner would: its id and the owner's token. */
export interface OwnedMap {
  id: string;
  token?: string;
}

/** `POST /api/maps`, keeping the owner token the relay hands out once (share links, issue 4). */
export async function createOwnedMap(baseUrl: string, title: string): Promise<OwnedMap> {
  const res = await fetch(`${baseUrl}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201)
    throw new Error(`creating a map failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; ownerToken?: string; token?: string };
  const token = body.ownerToken ?? body.token;
  return token ? { id: body.id, token } : { id: body.id };
}

/** The map's URL, with its token in the fragment as share links carry it. */
export function mapUrl(baseUrl: string, map: OwnedMap): string {
  return `${baseUrl}/maps/${map.id}${map.token ? `#token=${encodeURIComponent(map.token)}` : ''}`;
}

/** Opens a map by URL and answers the one-time name question through the dialog. */
export async function openMap(person: Person, url: string): Promise<void> {
  const { page } = person;
  await page.goto(url);
  const nameField = page.getByRole('textbox', { name: 'Your name' });
  const mapShown = page.getByRole('button', { name: 'Map view' });
  await nameField.or(mapShown).first().waitFor();
  if (await nameField.isVisible()) {
    await nameField.fill(person.name);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

/**
 * A new map with Ana and Bea on it, each in their own context: the two-screen setup of the
 * collaboration and evaluation suites. Both are added to `people` (their page errors fail
 * the suite).
 */
export async function twoPeopleOnNewMap(
  relay: RelayProcess,
  browser: Browser,
  people: Person[],
  title: string,
): Promise<[Person, Person]> {
  const map = await createOwnedMap(relay.httpUrl, title);
  const [ana, bea] = await Promise.all([newPerson(browser, 'Ana'), newPerson(browser, 'Bea')]);
  people.push(ana, bea);
  const url = mapUrl(relay.httpUrl, map);
  await Promise.all([openMap(ana, url), openMap(bea, url)]);
  return [ana, bea];
}

/** The claim editor that has keyboard focus, once it has it. */
export async function focusedEditor(page: Page): Promise<void> {
  await waitFor(
    () =>
      page.evaluate(() => {
        // Runs in the page; typed loosely because tests/ compiles without DOM types.
        const el = (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } | null };
          }
        ).document.activeElement;
        return (
          !!el &&
          el.getAttribute('role') === 'textbox' &&
          (el.getAttribute('aria-label') ?? '').startsWith('Claim text')
        );
      }),
    { what: 'a claim editor to take focus' },
  );
}

/** Clicks a toolbar command, types the new claim's text, and leaves the editor. */
export async function addClaimVia(page: Page, button: string, text: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await focusedEditor(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

/** A claim card on the canvas, found by its accessible name. */
export function card(page: Page, text: string, kind: 'Claim' | 'Conclusion' = 'Claim') {
  return page.getByRole('group', { name: `${kind}: ${text}`, exact: true });
}
