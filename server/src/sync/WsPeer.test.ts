import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCodes, Limits } from '../protocol/constants.ts';
import { WsPeer } from './WsPeer.ts';

/** Just enough of a `ws` socket to watch what the peer does with it. */
function fakeSocket(bufferedAmount: number) {
  const calls: { sent: Uint8Array[]; closed: [number, string][] } = { sent: [], closed: [] };
  const socket = {
    readyState: WebSocket.OPEN as number,
    bufferedAmount,
    isPaused: false,
    send: (frame: Uint8Array) => calls.sent.push(frame),
    close: (code: number, reason: string) => {
      calls.closed.push([code, reason]);
      socket.readyState = WebSocket.CLOSING;
    },
    resume: () => {},
  };
  return { socket: socket as unknown as WebSocket, calls };
}

describe('WsPeer', () => {
  it('sends frames while the client keeps up', () => {
    const { socket, calls } = fakeSocket(0);
    const peer = new WsPeer(socket, 'c1', 'editor', null, false, () => {});
    peer.send(Uint8Array.of(1, 2));
    expect(calls.sent).toHaveLength(1);
  });

  it('closes a client that stopped reading once its buffer passes the cap', () => {
    const { socket, calls } = fakeSocket(Limits.maxBufferedBytes + 1);
    const slow: WsPeer[] = [];
    const peer = new WsPeer(socket, 'c1', 'editor', null, false, (p) => slow.push(p));
    peer.send(Uint8Array.of(1));
    peer.send(Uint8Array.of(2));
    expect(calls.sent).toHaveLength(0);
    expect(calls.closed).toEqual([[CloseCodes.SlowConsumer.code, CloseCodes.SlowConsumer.reason]]);
    expect(slow).toEqual([peer]);
  });
});
