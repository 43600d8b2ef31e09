// The one place that reads the environment at run time. An invalid value
// stops start-up with the variable's name and what is expected.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parsePortalClock } from './clock';
import { z } from './validation';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

const DEFAULT_SQLITE_FILE = 'data/whatson.sqlite';

const databaseUrl = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): DatabaseTarget => {
    if (!value) return { kind: 'sqlite', file: resolve(DEFAULT_SQLITE_FILE) };
    if (/^postgres(ql)?:\/\//.test(value)) {
      try {
        new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not a valid postgres:// URL' });
        return z.NEVER;
      }
      return { kind: 'postgres', url: value };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('file://')) {
      ctx.addIssue({ code: 'custom', message: 'must be postgres://user@host:port/database, or a path to a SQLite file' });
      return z.NEVER;
    }
    const path = value.replace(/^file:\/\//, '').replace(/^sqlite:/, '');
    return { kind: 'sqlite', file: resolve(path) };
  });

export const configSchema = z.object({
  DATABASE_URL: databaseUrl,
  HOST: z.string().trim().min(1, 'must be an address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a port number between 1 and 65535' })
    .int('must be a whole port number')
    .min(0, 'must be a port number between 1 and 65535')
    .max(65535, 'must be a port number between 1 and 65535')
    .default(4321),
  PUBLIC_ORIGIN: z
    .string()
    .trim()
    .default('http://127.0.0.1:4321')
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search;
      } catch {
        return false;
      }
    }, 'must be an origin such as https://whatson.example.org (scheme and host, no path)')
    .transform((value) => new URL(value).origin),
  /** Addresses of reverse proxies whose X-Forwarded-For entries are believed. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .refine((list) => list.every((address) => isIP(address) !== 0), 'must be a comma-separated list of IP addresses such as 127.0.0.1,::1'),
  /** smtp://user:password@host:587 or smtps://…; unset writes each email to OUTBOX_DIR instead. */
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || /^smtps?:\/\/[^\s]+$/.test(value), 'must be smtp://user:password@host:port or smtps://…'),
  MAIL_FROM: z.string().trim().default('WhatsOn <no-reply@whatson.invalid>'),
  /** Where people are told to write: shown in the footer, the service pages and every "write to the secretariat". */
  SECRETARIAT_EMAIL: z
    .string()
    .trim()
    .default('civil-society@whatson.invalid')
    .refine((value) => /^[^\s@<>(),;:"\[\]]+@[^\s@<>(),;:"\[\]]+\.[^\s@<>(),;:"\[\]]+$/.test(value), 'must be one email address such as civil-society@example.org'),
  OUTBOX_DIR: z.string().trim().default('data/outbox').transform((value) => resolve(value)),
  /** PDFs attached to written input: outside the web root, served only as downloads. */
  ATTACHMENTS_DIR: z.string().trim().default('data/attachments').transform((value) => resolve(value)),
  /** Days after an event ends until its registrations' accessibility and similar needs are erased (health-adjacent data). */
  HEALTH_DATA_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days between 0 and 365' })
    .int('must be a whole number of days between 0 and 365')
    .min(0, 'must be a whole number of days between 0 and 365')
    .max(365, 'must be a whole number of days between 0 and 365')
    .default(30),
  /** Processes answering HTTP (cluster workers sharing PORT); unset: one per core. */
  WHATSON_WORKERS: z.coerce
    .number({ error: 'must be a whole number of processes between 1 and 64' })
    .int('must be a whole number of processes between 1 and 64')
    .min(1, 'must be a whole number of processes between 1 and 64')
    .max(64, 'must be a whole number of processes between 1 and 64')
    .default(() => availableParallelism()),
  /** Another "now" for the portal (rehearsals, tests): an ISO instant from which its clock runs on; unset is the machine's clock. */
  WHATSON_CLOCK: z
    .string()
    .trim()
    .optional()
    .refine((value) => parsePortalClock(value) !== null, 'must be an instant such as 2027-03-01T09:00:00Z (date, time and zone)'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((problem) => `  ${problem.variable} ${problem.message}`).join('\n')}\n` +
        'Fix the environment variable(s) above; README.md lists every setting.',
    );
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as shells and .env files often leave them. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })));
  }
  return result.data;
}

let current: Config | undefined;

export function config(): Config {
  current ??= readConfig();
  return current;
}
