import { MessageType, SyncMessageType } from '@warrant/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { frame, newClient, RawClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** A raw connection that forwards every local update of `doc`. */
async function writer(relay: RelayProcess, mapId: string, query = '') {
  const raw = await RawClient.open(relay, mapId, query);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) =>
    raw.send(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.Sync);
        encoding.writeVarUint(e, SyncMessageType.Update);
        encoding.writeVarUint8Array(e, update);
      }),
    ),
  );
  return { raw, doc };
}

function acks(raw: RawClient): Map<number, number>[] {
  return raw
    .framesOfType(MessageType.Committed)
    .map((d) => Y.decodeStateVector(decoding.readVarUint8Array(d)));
}

describe('commit acknowledgements', () => {
  let relay: RelayProcess;
  afterEach(async () => {
    vi.restoreAllMocks();
    await relay?.dispose();
  });

  it('tells a client that asked (?ack=1) its edits are on disk, truthfully', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap();
    const { raw, doc } = await writer(relay, mapId, '?ack=1');
    for (let i = 0; i < 20; i++) doc.getArray<number>('xs').push([i]);
    const mine = () => acks(raw).at(-1)?.get(doc.clientID) ?? 0;
    await waitFor(() => mine() === 20, { what: 'an ack covering all 20 edits' });
    // "Saved" must mean saved: kill the relay the moment the ack is in, then look.
    await relay.kill('SIGKILL');
    await relay.restart();
    const check = newClient(relay, mapId);
    await check.synced();
    expect(check.doc.getArray('xs').toArray()).toEqual([...Array(20).keys()]);
    check.destroy();
  });

  it('never sends the acknowledgement to clients that did not ask', async () => {
    relay = await newRelay();
    const mapId = await relay.createMap();
    const errors = vi.spyOn(console, 'error');
    const stock = newClient(relay, mapId);
    await stock.synced();
    const plain = await writer(relay, mapId);
    const acker = await writer(relay, mapId, '?ack=1');
    plain.doc.getText('t').insert(0, 'plain first');
    stock.doc.getText('u').insert(0, 'stock too');
    await waitFor(() => stock.doc.getText('t').length > 0);
    acker.doc.getText('v').insert(0, 'acked later');
    await waitFor(() => acks(acker.raw).length > 0, { what: 'the acker to be acknowledged' });
    // Frames on one connection arrive in order: the plain client has seen the acker's
    // edit, so any ack meant for its own earlier edit would already be here.
    await waitFor(() => plain.raw.frames.some((f) => containsText(f, 'acked later')));
    await waitFor(() => stock.doc.getText('v').toString() === 'acked later');
    expect(acks(plain.raw)).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    stock.destroy();
    plain.raw.close();
    acker.raw.close();
  });
});

function containsText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text));
}
