import net from 'node:net';
import { freePort, portPicker } from '../../src/runtime/processes';

describe('freePort', () => {
  it('never hands out a port twice, even when the kernel offers it again', async () => {
    const offers = [41001, 41001, 41002, 41001, 41002, 41003];
    const pick = portPicker(async () => offers.shift()!);
    expect([await pick(), await pick(), await pick()]).toEqual([41001, 41002, 41003]);
  });

  it('gives up with a clear error when only used ports are offered', async () => {
    const pick = portPicker(async () => 41001);
    await pick();
    await expect(pick()).rejects.toThrow('no free port');
  });

  it('gives a port that can be listened on', async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(await freePort()).not.toBe(port);
  });
});
