import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/server/config';

function problemsOf(env: Record<string, string>) {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration', () => {
  it('defaults to an embedded SQLite file and localhost', () => {
    expect(readConfig({})).toEqual({
      DATABASE_URL: { kind: 'sqlite', file: resolve('data/whatson.sqlite') },
      HOST: '127.0.0.1',
      PORT: 4321,
      PUBLIC_ORIGIN: 'http://127.0.0.1:4321',
      TRUSTED_PROXIES: [],
      MAIL_FROM: 'WhatsOn <no-reply@whatson.invalid>',
      SECRETARIAT_EMAIL: 'civil-society@whatson.invalid',
      OUTBOX_DIR: resolve('data/outbox'),
      ATTACHMENTS_DIR: resolve('data/attachments'),
      HEALTH_DATA_RETENTION_DAYS: 30,
      WHATSON_WORKERS: availableParallelism(),
    });
  });

  it('runs one worker process per core unless told a whole number from 1 to 64', () => {
    expect(readConfig({ WHATSON_WORKERS: '1' }).WHATSON_WORKERS).toBe(1);
    expect(readConfig({ WHATSON_WORKERS: '8' }).WHATSON_WORKERS).toBe(8);
    for (const value of ['0', '-2', '1.5', '65', 'all']) {
      expect(() => readConfig({ WHATSON_WORKERS: value }), value).toThrow(/WHATSON_WORKERS must be a whole number of processes between 1 and 64/);
    }
  });

  it('keeps health-adjacent requests 30 days after the event unless told a whole number of days up to a year', () => {
    expect(readConfig({ HEALTH_DATA_RETENTION_DAYS: '0' }).HEALTH_DATA_RETENTION_DAYS).toBe(0);
    expect(readConfig({ HEALTH_DATA_RETENTION_DAYS: '90' }).HEALTH_DATA_RETENTION_DAYS).toBe(90);
    for (const bad of ['-1', '2.5', '366', 'forever']) {
      expect(problemsOf({ HEALTH_DATA_RETENTION_DAYS: bad })).toEqual([{ variable: 'HEALTH_DATA_RETENTION_DAYS', message: 'must be a whole number of days between 0 and 365' }]);
    }
  });

  it('takes the secretariat’s contact address as one email address', () => {
    expect(readConfig({ SECRETARIAT_EMAIL: ' cso-unit@unodc.example.org ' }).SECRETARIAT_EMAIL).toBe('cso-unit@unodc.example.org');
    for (const bad of ['secretariat', 'a@b', 'Unit <unit@example.org>', 'a@example.org, b@example.org']) {
      expect(problemsOf({ SECRETARIAT_EMAIL: bad })).toEqual([{ variable: 'SECRETARIAT_EMAIL', message: 'must be one email address such as civil-society@example.org' }]);
    }
  });

  it('treats empty variables as unset', () => {
    expect(readConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(4321);
  });

  it('chooses PostgreSQL for a postgres:// URL and SQLite for a path', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://whatson@db.internal:5432/whatson' }).DATABASE_URL).toEqual({
      kind: 'postgres',
      url: 'postgres://whatson@db.internal:5432/whatson',
    });
    expect(readConfig({ DATABASE_URL: '/var/lib/whatson/portal.sqlite' }).DATABASE_URL).toEqual({ kind: 'sqlite', file: '/var/lib/whatson/portal.sqlite' });
  });

  it('names each invalid variable and what it expects', () => {
    expect(problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://db/whatson', PUBLIC_ORIGIN: 'whatson.example.org' })).toEqual([
      { variable: 'DATABASE_URL', message: expect.stringContaining('postgres://') },
      { variable: 'PORT', message: 'must be a port number between 1 and 65535' },
      { variable: 'PUBLIC_ORIGIN', message: expect.stringContaining('https://whatson.example.org') },
    ]);
  });

  it('reads trusted proxies as a list of addresses and refuses host names', () => {
    expect(readConfig({ TRUSTED_PROXIES: '127.0.0.1, ::1' }).TRUSTED_PROXIES).toEqual(['127.0.0.1', '::1']);
    expect(problemsOf({ TRUSTED_PROXIES: 'proxy.internal' })).toEqual([{ variable: 'TRUSTED_PROXIES', message: expect.stringContaining('IP addresses') }]);
  });

  it('accepts an SMTP URL and refuses anything else', () => {
    expect(readConfig({ SMTP_URL: 'smtp://user:secret@mail.example.org:587' }).SMTP_URL).toBe('smtp://user:secret@mail.example.org:587');
    expect(problemsOf({ SMTP_URL: 'mail.example.org' })[0]!.variable).toBe('SMTP_URL');
  });

  it('refuses a public origin with a path', () => {
    expect(problemsOf({ PUBLIC_ORIGIN: 'https://example.org/whatson' })[0]!.variable).toBe('PUBLIC_ORIGIN');
  });

  it('says how to fix it in the error message', () => {
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT must be a port number between 1 and 65535\nFix the environment variable/);
  });
});
