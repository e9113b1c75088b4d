import { CloseCodes, MessageType, SyncMessageType } from '@warrant/server';
import * as encoding from 'lib0/encoding';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StockClient } from '../helpers/client.ts';
import { frame, newClient, RawClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

const MAX = 64 * 1024;

function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncMessageType.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

function realUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('bad input closes only the offending connection', () => {
  let relay: RelayProcess;
  let mapId: string;
  let a: StockClient;
  let b: StockClient;
  let edits = 0;

  /** The two honest clients still sync through the relay. */
  async function othersCarryOn() {
    const key = `edit-${++edits}`;
    a.doc.getMap('ok').set(key, true);
    await waitFor(() => b.doc.getMap('ok').get(key) === true, { what: `b to receive ${key}` });
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  }

  async function expectRejected(
    send: (c: RawClient) => void,
    expected: { code: number; reason: string },
    reason: string,
    target = mapId,
  ) {
    const before = await relay.metric(`warrant_rejected_messages_total{reason="${reason}"}`);
    const raw = await RawClient.open(relay, target);
    send(raw);
    expect(await raw.closedWith()).toEqual(expected);
    await waitFor(
      async () =>
        (await relay.metric(`warrant_rejected_messages_total{reason="${reason}"}`)) === before + 1,
      { what: `the ${reason} rejection to be counted` },
    );
    expect(relay.records('closing connection: bad input').some((r) => r.reason === reason)).toBe(
      true,
    );
    await othersCarryOn();
  }

  beforeAll(async () => {
    relay = await newRelay({ env: { WARRANT_MAX_MESSAGE_BYTES: String(MAX) } });
    mapId = await relay.createMap('target');
    a = newClient(relay, mapId);
    b = newClient(relay, mapId);
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('t').insert(0, 'precious');
    await waitFor(() => b.doc.getText('t').toString() === 'precious');
  });

  afterAll(async () => {
    a?.destroy();
    b?.destroy();
    await relay?.dispose();
  });

  it('a frame whose length prefix runs past its end (malformed)', async () => {
    await expectRejected(
      (c) => c.send(Uint8Array.of(MessageType.Sync, SyncMessageType.Update, 50, 1, 2)),
      CloseCodes.MalformedMessage,
      'MalformedMessage',
    );
  });

  it('a truncated message', async () => {
    const whole = updateFrame(realUpdate('truncate me'));
    await expectRejected(
      (c) => c.send(whole.slice(0, whole.length - 5)),
      CloseCodes.MalformedMessage,
      'MalformedMessage',
    );
  });

  it('an unknown message type, and one only servers send', async () => {
    await expectRejected(
      (c) => c.send(Uint8Array.of(42)),
      CloseCodes.UnknownMessageType,
      'UnknownMessageType',
    );
    await expectRejected(
      (c) => c.send(Uint8Array.of(MessageType.Auth, 0)),
      CloseCodes.UnknownMessageType,
      'UnknownMessageType',
    );
  });

  it('an update Yjs cannot apply, of which nothing is stored', async () => {
    const inner = realUpdate('half an update');
    await expectRejected(
      (c) => c.send(updateFrame(inner.slice(0, inner.length - 4))),
      CloseCodes.UpdateRejected,
      'UpdateRejected',
    );
    await expectRejected(
      (c) => c.send(updateFrame(Uint8Array.of(5))),
      CloseCodes.UpdateRejected,
      'UpdateRejected',
    );
  });

  it('updates that decode but break Yjs when applied (zero-length structs)', async () => {
    // A zero-length deleted item: Yjs throws in its transaction cleanup, and a snapshot
    // taken afterwards could never load again. A zero-length string with an item that
    // depends on it: the document could no longer be encoded for the next sync.
    for (const hex of ['01010500010101740000', '010205000401017400840500017100']) {
      await expectRejected(
        (c) => c.send(updateFrame(Buffer.from(hex, 'hex'))),
        CloseCodes.UpdateRejected,
        'UpdateRejected',
      );
    }
    const late = newClient(relay, mapId);
    await late.synced();
    expect(late.doc.getText('t').toString()).toBe('precious');
    late.destroy();
  });

  it('an upgrade request whose path is not a URL at all', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(relay.port, '127.0.0.1', () => {
        socket.write(
          'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (d) => (text += String(d)));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`http://127.0.0.1:${relay.port}/healthz`)).ok).toBe(true);
    await othersCarryOn();
  });

  it('a frame over WARRANT_MAX_MESSAGE_BYTES, and one past the hard backstop', async () => {
    await expectRejected(
      (c) => c.send(updateFrame(new Uint8Array(MAX))),
      CloseCodes.MessageTooLarge,
      'MessageTooLarge',
    );
    const before = await relay.metric('warrant_rejected_messages_total{reason="MessageTooBig"}');
    const raw = await RawClient.open(relay, mapId);
    raw.send(new Uint8Array(MAX * 3));
    expect((await raw.closedWith()).code).toBe(CloseCodes.MessageTooBig.code);
    await waitFor(
      async () =>
        (await relay.metric('warrant_rejected_messages_total{reason="MessageTooBig"}')) ===
        before + 1,
    );
    await othersCarryOn();
  });

  it('a text frame', async () => {
    await expectRejected((c) => c.send('hello'), CloseCodes.TextFrame, 'TextFrame');
  });

  it('a map id that does not exist, or is not an id at all', async () => {
    await expectRejected(() => {}, CloseCodes.MapNotFound, 'MapNotFound', 'AAAAAAAAAAAAAAAA');
    await expectRejected(() => {}, CloseCodes.MapNotFound, 'MapNotFound', 'no%20such%20map');
    expect((await relay.fetch('/api/maps/AAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('a stock client refused for an unknown map stops retrying', async () => {
    const stray = newClient(relay, 'AAAAAAAAAAAAAAAA');
    const closed = new Promise<{ code: number }>((resolve) =>
      stray.provider.on('closed', (event) => resolve(event)),
    );
    expect((await closed).code).toBe(CloseCodes.MapNotFound.code);
    expect(stray.provider.shouldConnect).toBe(false);
    stray.destroy();
  });

  it('after all that, the stored map still loads with every honest edit', async () => {
    await relay.restart();
    const fresh = newClient(relay, mapId);
    await fresh.synced();
    expect(fresh.doc.getText('t').toString()).toBe('precious');
    expect(fresh.doc.getMap('ok').size).toBe(edits);
    fresh.destroy();
  });
});
