import * as encoding from 'lib0/encoding';
import type { Browser, WebSocketRoute } from 'playwright-core';
import { MessageType } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  addClaimVia,
  browserAvailable,
  browserSuite,
  card,
  createOwnedMap,
  createShareLink,
  enlist,
  focusedEditor,
  mapUrl,
  openMap,
  type Person,
} from './browser.ts';

const run = browserAvailable();

/** The page's map socket (`/sync/<id>`), not its review socket (`/sync/<id>/review`). */
const MAP_SOCKET = /\/sync\/[^/?]+(\?|$)/;

/**
 * The relay's reasons (server/src/protocol/messages.ts, READ_ONLY_REASON and
 * STORAGE_UNAVAILABLE_REASON), mirrored: a page must show whatever reason it is sent.
 */
const STORAGE_UNAVAILABLE_REASON =
  'storage unavailable: the relay cannot save edits right now; your changes stay on your device and are sent when it can';
const READ_ONLY_REASON = 'read-only: this share link may view the map but not change it';

/** y-protocols' auth message, "permission denied", as the relay encodes it. */
function permissionDenied(reason: string): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 2); // messageAuth
  encoding.writeVarUint(e, 0); // permission denied
  encoding.writeVarString(e, reason);
  return Buffer.from(encoding.toUint8Array(e));
}

describe.skipIf(!run)('what a page may change, in Chromium', () => {
  let relay: RelayProcess;
  let browser: Browser;
  const people = browserSuite((r, b) => {
    relay = r;
    browser = b;
  });

  const person = (name: string) => enlist(browser, people, name);

  /** Routes the page's sync socket through the test, which can then speak as the relay. */
  async function relayed(
    p: Person,
  ): Promise<{ socket: () => WebSocketRoute; count: () => number }> {
    const sockets: WebSocketRoute[] = [];
    await p.page.routeWebSocket(MAP_SOCKET, (ws) => {
      ws.connectToServer();
      sockets.push(ws);
    });
    return {
      socket: () => {
        const last = sockets.at(-1);
        if (!last) throw new Error('the page has no sync socket yet');
        return last;
      },
      count: () => sockets.length,
    };
  }

  it('goes read-only and says why when the relay refuses writes, and back when it takes them', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Storage trouble');
    const ana = await person('Ana');
    const route = await relayed(ana);
    await openMap(ana, mapUrl(relay.httpUrl, map));
    await addClaimVia(ana.page, 'Add claim', 'Written before the disk filled');
    await card(ana.page, 'Written before the disk filled', 'Conclusion').dblclick();
    await focusedEditor(ana.page);

    route.socket().send(permissionDenied(STORAGE_UNAVAILABLE_REASON));
    const status = ana.page.getByRole('status').filter({ hasText: STORAGE_UNAVAILABLE_REASON });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Read only/);
    await ana.page.getByRole('textbox', { name: /^Claim text/ }).waitFor({ state: 'detached' });
    expect(await ana.page.getByRole('button', { name: 'Add claim', exact: true }).count()).toBe(0);
    expect(
      await ana.page.getByRole('textbox', { name: 'Map title' }).getAttribute('readonly'),
    ).toBe('');

    // Storage recovers: the relay asks the page to reconnect (StorageRecovered, 4508).
    await route.socket().close({ code: 4508, reason: 'The relay can save again' });
    await status.waitFor({ state: 'detached' });
    await addClaimVia(ana.page, 'Add claim', 'Written after it recovered');
    await card(ana.page, 'Written after it recovered', 'Conclusion').waitFor();
  });

  it('shows a read-only link’s refusal as the relay words it, and keeps it', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Read-only refusal');
    const kim = await person('Kim');
    const route = await relayed(kim);
    await openMap(kim, mapUrl(relay.httpUrl, map));
    await kim.page.getByRole('button', { name: 'Add claim', exact: true }).waitFor();

    route.socket().send(permissionDenied(READ_ONLY_REASON));
    const status = kim.page.getByRole('status').filter({ hasText: READ_ONLY_REASON });
    await status.waitFor();
    const before = route.count();
    await route.socket().close({ code: 4508, reason: 'reconnect' });
    await waitFor(() => route.count() > before, { what: 'the page to reconnect' });
    await kim.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await status.count()).toBe(1);
    expect(await kim.page.getByRole('button', { name: 'Add claim', exact: true }).count()).toBe(0);
  });

  it('offers no editing while the role is unknown, and says so', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Role unknown');
    const owner = await person('Olu');
    await openMap(owner, mapUrl(relay.httpUrl, map));
    const url = await createShareLink(owner.page, 'viewer');

    // A proxy between page and relay drops the relay's grant (what the link may do), and
    // this device never heard the role before: the map opens with nothing to offer.
    const vic = await person('Vic');
    let blocked = true;
    const sockets: WebSocketRoute[] = [];
    await vic.page.routeWebSocket(MAP_SOCKET, (ws) => {
      sockets.push(ws);
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (blocked && typeof message !== 'string' && message[0] === MessageType.Grant) return;
        ws.send(message);
      });
    });
    await openMap(vic, url);
    await vic.page
      .getByRole('status')
      .filter({ hasText: 'could not ask the relay what this link lets you do' })
      .waitFor();
    expect(await vic.page.getByRole('button', { name: 'Add claim', exact: true }).count()).toBe(0);
    expect(
      await vic.page.getByRole('textbox', { name: 'Map title' }).getAttribute('readonly'),
    ).toBe('');
    await vic.page.keyboard.press('n');
    expect(await vic.page.getByRole('textbox', { name: /^Claim text/ }).count()).toBe(0);

    // The next connection gets the relay's grant through, and the role shows.
    blocked = false;
    await sockets.at(-1)?.close({ code: 1011, reason: 'proxy restarts' });
    await vic.page.getByText('View only', { exact: true }).waitFor();
  });

  it('lets an editor edit a map opened offline, from what this device knew', async () => {
    const map = await createOwnedMap(relay.httpUrl, 'Opened offline');
    const ana = await person('Ana');
    await openMap(ana, mapUrl(relay.httpUrl, map));
    await addClaimVia(ana.page, 'Add claim', 'Written online');

    // Back to the list, offline, and into the map again: no relay to ask about the role.
    await ana.page.getByRole('link', { name: 'All maps' }).click();
    await ana.context.setOffline(true);
    await ana.page.getByRole('link', { name: 'Opened offline', exact: true }).click();
    await card(ana.page, 'Written online', 'Conclusion').waitFor();
    await ana.page
      .getByRole('status')
      .filter({ hasText: /^Offline/ })
      .waitFor();
    await card(ana.page, 'Written online', 'Conclusion').click();
    await addClaimVia(ana.page, 'Add supporting claim', 'Written offline');
    await card(ana.page, 'Written offline').waitFor();

    await ana.context.setOffline(false);
    await ana.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    const bea = await person('Bea');
    await openMap(bea, mapUrl(relay.httpUrl, map));
    await card(bea.page, 'Written offline').waitFor();
  });
});
