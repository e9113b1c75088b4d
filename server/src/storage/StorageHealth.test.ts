import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from './Storage.ts';
import { StorageHealth } from './StorageHealth.ts';

function recorder() {
  const lines: { level: string; msg: string }[] = [];
  const log =
    (level: string) =>
    (_obj: unknown, msg?: string): void => {
      lines.push({ level, msg: msg ?? '' });
    };
  return { lines, logger: { error: log('error'), warn: log('warn'), info: log('info') } };
}

const full = () =>
  new StorageUnavailableError(
    Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
  );

describe('StorageHealth', () => {
  it('fails once, loudly, probes until a write succeeds, then tells its listeners', async () => {
    let writable = false;
    let probes = 0;
    const { lines, logger } = recorder();
    const health = new StorageHealth(
      {
        probe: async () => {
          probes += 1;
          if (!writable) throw full();
        },
      },
      logger,
      10,
    );
    let recovered = 0;
    health.onRecovered(() => (recovered += 1));
    expect(health.status()).toEqual({ writable: true });

    health.fail(full());
    health.fail(full());
    expect(health.writable).toBe(false);
    const status = health.status();
    expect(status.writable).toBe(false);
    if (!status.writable) expect(status.error).toBe('SQLITE_FULL: database or disk is full');
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 60));
    expect(probes).toBeGreaterThanOrEqual(2);
    expect(recovered).toBe(0);

    writable = true;
    await new Promise((r) => setTimeout(r, 40));
    expect(health.writable).toBe(true);
    expect(recovered).toBe(1);
    expect(lines.at(-1)?.msg).toMatch(/recovered/);
    const after = probes;
    await new Promise((r) => setTimeout(r, 40));
    expect(probes).toBe(after);
    health.stop();
  });

  it('stops probing when stopped', async () => {
    let probes = 0;
    const health = new StorageHealth(
      {
        probe: async () => {
          probes += 1;
          throw full();
        },
      },
      recorder().logger,
      10,
    );
    health.fail(full());
    health.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(probes).toBe(0);
  });
});
