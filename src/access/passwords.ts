// Passwords: argon2id hashes (OWASP parameters, @node-rs/argon2 defaults are
// m=19 MiB, t=2, p=1), a minimum length, and a refusal of the passwords
// everybody tries first (the zxcvbn common list plus local favourites).
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;

const LOCAL_COMMON = [
  'bismillah',
  'indonesia',
  'jakarta',
  'sayang',
  'bpjs',
  'bpjskesehatan',
  'pesiar',
  'kesehatan',
  'merdeka',
  'garuda',
];

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set([...(dictionary['passwords-common'] as string[]), ...LOCAL_COMMON]);
  return common;
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, userName?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `password: at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  // "password123456" is as guessable as "password": strip trailing digits and symbols too.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const set = commonPasswords();
  if (set.has(lower) || (stem.length > 0 && set.has(stem)) || /^(.)\1+$/u.test(password)) {
    return 'password: too common, choose another';
  }
  if (userName && lower.includes(userName.toLowerCase())) {
    return 'password: must not contain the user name';
  }
  return null;
}

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash to verify against when the account does not exist, so that a wrong
// user name costs the same time as a wrong password.
let dummy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hash('not-a-real-password-just-timing');
  await verifyPassword(await dummy, password);
}

const WORDS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/l/I

/** 20 characters from a 56-letter alphabet: about 116 bits. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += WORDS[randomInt(WORDS.length)];
  return out;
}
