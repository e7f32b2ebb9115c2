import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StoredFileMissing } from './file-storage';
import { LocalFileStorage } from './local-file-storage';

describe(LocalFileStorage.name, () => {
  let root: string;
  let storage: LocalFileStorage;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-storage-'));
    storage = new LocalFileStorage(root);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('stores, reads back and deletes a file under a key', async () => {
    await storage.put('papers/abc/v1', Buffer.from('hello'));
    await expect(storage.exists('papers/abc/v1')).resolves.toBe(true);
    await expect(storage.get('papers/abc/v1')).resolves.toEqual(Buffer.from('hello'));
    await storage.delete('papers/abc/v1');
    await expect(storage.exists('papers/abc/v1')).resolves.toBe(false);
  });

  it('keeps files under the root, in folders named by the key', async () => {
    await storage.put('papers/abc/v1', Buffer.from('x'));
    await expect(fs.readFile(path.join(root, 'papers', 'abc', 'v1'), 'utf8')).resolves.toBe('x');
  });

  it('replaces a file whole and leaves no temporary file behind', async () => {
    await storage.put('a/b', Buffer.from('first'));
    await storage.put('a/b', Buffer.from('second, longer'));
    await expect(storage.get('a/b')).resolves.toEqual(Buffer.from('second, longer'));
    await expect(fs.readdir(path.join(root, '.incoming'))).resolves.toEqual([]);
  });

  it('says which key is missing', async () => {
    await expect(storage.get('papers/none')).rejects.toBeInstanceOf(StoredFileMissing);
  });

  it('deletes a missing key without complaint', async () => {
    await expect(storage.delete('papers/none')).resolves.toBeUndefined();
  });

  it.each(['../etc/passwd', 'papers/../x', '/abs', 'Papers/A', 'a//b', '.hidden', 'a/.x', ''])(
    'refuses the key %p',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(RangeError);
      await expect(storage.get(key)).rejects.toThrow(RangeError);
    },
  );

  it('leaves nothing when the write fails', async () => {
    // A folder where the file should go makes the rename fail after the data was written.
    await fs.mkdir(path.join(root, 'a', 'b'), { recursive: true });
    await expect(storage.put('a/b', Buffer.from('data'))).rejects.toThrow();
    await expect(fs.readdir(path.join(root, '.incoming'))).resolves.toEqual([]);
  });
});
