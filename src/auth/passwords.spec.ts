import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords';

/** The parameters part of a PHC string: `$argon2id$v=19$m=19456,t=2,p=1$…` → `argon2id v=19 m=19456,t=2,p=1`. */
const parametersOf = (phc: string) => phc.split('$').slice(1, 4).join(' ');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeOf(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

describe('passwords', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const hash = await hashPassword('mật khẩu đúng');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    await expect(verifyPassword(hash, 'mật khẩu đúng')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'mật khẩu sai')).resolves.toBe(false);
  });

  // An unknown e-mail is verified against the dummy hash: it must cost what a real one costs, so
  // it must be well-formed (a malformed hash fails at once) and use the same parameters.
  it('keeps a dummy hash made with the same parameters as real ones', async () => {
    expect(parametersOf(DUMMY_PASSWORD_HASH)).toBe(parametersOf(await hashPassword('anything at all')));
    await expect(verifyPassword(DUMMY_PASSWORD_HASH, 'a guess')).resolves.toBe(false);
  });

  it('spends about as long on the dummy hash as on a real one (a malformed hash would answer at once)', async () => {
    const real = await hashPassword('password-for-tests');
    const dummy: number[] = [];
    const wrong: number[] = [];
    const malformed: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      wrong.push(await timeOf(() => verifyPassword(real, 'wrong-password')));
      dummy.push(await timeOf(() => verifyPassword(DUMMY_PASSWORD_HASH, 'wrong-password')));
      malformed.push(await timeOf(() => verifyPassword('$argon2id$broken', 'wrong-password')));
    }
    // Medians of interleaved runs, so a busy machine slows both alike; the bounds are loose on purpose.
    expect(median(dummy)).toBeGreaterThan(median(wrong) * 0.5);
    expect(median(dummy)).toBeLessThan(median(wrong) * 2);
    expect(median(malformed)).toBeLessThan(median(wrong) * 0.2);
  });
});
