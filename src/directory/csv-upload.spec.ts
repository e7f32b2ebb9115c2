import { HttpStatus } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ProblemException } from '../common/problem';
import { readBody } from './csv-upload';

const request = (chunks: string[], headers: Record<string, string> = {}) =>
  Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers });

describe('readBody', () => {
  it('collects the body', async () => {
    await expect(readBody(request(['email,', 'full_name\n']), 100)).resolves.toEqual(Buffer.from('email,full_name\n'));
  });

  it('refuses a body whose declared length is over the limit without reading it', async () => {
    const error = await readBody(request([], { 'content-length': '101' }), 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).getStatus()).toBe(HttpStatus.PAYLOAD_TOO_LARGE);
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    const error = await readBody(request(['x'.repeat(60), 'x'.repeat(60), 'never read']), 100).catch((e: unknown) => e);
    expect((error as ProblemException).getResponse()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
