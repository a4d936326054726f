import { once } from 'node:events';
import { SerialPortStream } from '@serialport/stream';
import { describe, expect, it } from 'vitest';
import { MockReaderDevice } from './mock-device.js';

describe('MockReaderDevice', () => {
  it('delivers bytes both ways, and unplug/replug behave like a vanishing device', async () => {
    const dev = new MockReaderDevice('/dev/ttyMOCK-unit');
    const port = new SerialPortStream({ binding: dev.binding, path: dev.path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    const data = once(port, 'data');
    dev.write(Buffer.from('L1\r'));
    expect(((await data)[0] as Buffer).toString()).toBe('L1\r');
    const host = once(dev, 'host');
    port.write(Buffer.from([0x49, 0, 0]));
    expect([...((await host)[0] as Buffer)]).toEqual([0x49, 0, 0]);

    const closed = once(port, 'close');
    dev.unplug();
    expect(((await closed)[0] as { disconnected?: boolean }).disconnected).toBe(true);
    const err = await new Promise<Error | null>((res) => port.open((e) => res(e)));
    expect(err?.message).toMatch(/No such file or directory/);
    dev.replug();
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    expect(dev.hostOpen).toBe(true);
    await new Promise<void>((res) => port.close(() => res()));
    dev.close();
  });
});
