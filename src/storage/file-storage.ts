/**
 * Where uploaded files live. Services see only keys (`papers/<presentation>/<submission>`), never
 * paths or names sent by users. `put` is atomic: a reader sees the whole file or none, and a failed
 * write leaves nothing behind.
 */
export abstract class FileStorage {
  abstract put(key: string, data: Buffer): Promise<void>;
  /** The file's bytes; throws `StoredFileMissing` when there is none under the key. */
  abstract get(key: string): Promise<Buffer>;
  /** Removes the file; a key with no file is not an error (deletes are retried after failures). */
  abstract delete(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
}

export class StoredFileMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored file under ${key}`);
    this.name = 'StoredFileMissing';
  }
}

// Lower-case letters, digits and dashes in segments separated by single slashes: a key can never
// climb out of the storage folder or name a hidden file.
const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export function assertStorageKey(key: string): void {
  if (typeof key !== 'string' || key.length > 300 || !KEY.test(key))
    throw new RangeError(`not a storage key: ${JSON.stringify(key)}`);
}
