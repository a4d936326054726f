import { lstatSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import { PtyDevice } from './pty-device.js';

const dir = mkdtempSync(join(tmpdir(), 'aspk-ptydev-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withTimeout<T>(p: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms))]);
}

describe('PtyDevice', () => {
  it('is a real serial device at a stable path: both directions, unplug closes the port, replug returns at the same path', async () => {
    const dev = new PtyDevice(join(dir, 'lane1'));
    try {
      const first = readlinkSync(dev.path);
      expect(first).toMatch(/^\/dev\/pts\/\d+$/);
      const port = new SerialPort({ path: dev.path, baudRate: 9600, autoOpen: false });
      await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
      const fromReader = withTimeout(once(port, 'data'));
      expect(dev.write(Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x41]))).toBe(true);
      expect([...((await fromReader)[0] as Buffer)]).toEqual([0x00, 0xff, 0x0d, 0x0a, 0x41]); // raw: nothing translated
      const fromHost = withTimeout(once(dev, 'host'));
      port.write(Buffer.from([0x43, 0x00, 0x01, 0x01]));
      expect([...((await fromHost)[0] as Buffer)]).toEqual([0x43, 0x00, 0x01, 0x01]);

      const closed = withTimeout(once(port, 'close'));
      dev.unplug();
      const [err] = (await closed) as [{ disconnected?: boolean } | null];
      expect(err?.disconnected).toBe(true);
      expect(() => lstatSync(dev.path)).toThrow(/ENOENT/);
      expect(dev.write(Buffer.from('lost'))).toBe(false);

      dev.replug();
      expect(lstatSync(dev.path).isSymbolicLink()).toBe(true);
      await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
      const again = withTimeout(once(port, 'data'));
      dev.write(Buffer.from('OK'));
      expect(((await again)[0] as Buffer).toString()).toBe('OK');
      await new Promise<void>((res) => port.close(() => res()));
    } finally {
      dev.close();
    }
  });

  it('survives the agent closing and reopening its port (the device holds its own slave fd)', async () => {
    const dev = new PtyDevice(join(dir, 'lane2'));
    try {
      for (let i = 0; i < 2; i++) {
        const port = new SerialPort({ path: dev.path, baudRate: 9600, autoOpen: false });
        await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
        const got = withTimeout(once(port, 'data'));
        dev.write(Buffer.from(`hello ${i}`));
        expect(((await got)[0] as Buffer).toString()).toBe(`hello ${i}`);
        await new Promise<void>((res) => port.close(() => res()));
      }
      expect(dev.present).toBe(true);
    } finally {
      dev.close();
    }
  });
});
