import { hash, verify } from '@node-rs/argon2';

// Argon2id with the library's defaults (19 MiB, 2 passes: OWASP's minimum for argon2id).
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verified against when the e-mail is unknown, so that an unknown user costs the same time as a
 * wrong password and the answer cannot tell them apart.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Co5pC1avW0PYBUWq7tOgoQ$iGUnRbLamulC20O6NnE5Y6BHR0H9myXIeSCkZa1BghI';
