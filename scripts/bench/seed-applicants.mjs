// Accredited organisations, signed-in members and accounts to sign in with,
// written straight into a benchmark portal's SQLite file (after the portal has migrated it), as
// tests/support/members.ts and createSession() in src/server/auth/sessions.ts do.
import { createHash, getRandomValues } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import SQLite from 'better-sqlite3';

const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** As generateToken() and hashToken() in src/server/auth/tokens.ts. */
export function newSessionToken() {
  const token = encodeBase32LowerCaseNoPadding(getRandomValues(new Uint8Array(20)));
  return { token, id: createHash('sha256').update(token).digest('hex') };
}

/**
 * Member i belongs to organisation i % organisations. Returns one
 * `whatson_session=<token>` cookie per member, in member order.
 */
export function seedApplicants(file, { organisations, members }) {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  const now = new Date();
  const stamp = now.toISOString();
  // A fresh full lifetime: the portal neither renews nor rewrites these sessions during the run.
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  const insertOrganisation = db.prepare(`insert into organisations
    (id, name, acronym, type, country, website, description, ecosoc_status, topics, accreditation, accreditation_reason, accreditation_decided_by, accreditation_decided_at, listed, created_at, updated_at)
    values (?, ?, null, 'ngo', 'AT', null, 'Benchmark organisation', 'none', '["firearms"]', 'accredited', null, null, null, 0, ?, ?)`);
  const insertUser = db.prepare(`insert into users
    (id, email, name, job_title, organisation_id, role, password_hash, email_verified_at, created_at, updated_at)
    values (?, ?, ?, null, ?, 'representative', null, ?, ?, ?)`);
  const insertSession = db.prepare('insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)');
  const cookies = [];
  db.transaction(() => {
    for (let i = 0; i < organisations; i++) insertOrganisation.run(`bench-org-${i}`, `Benchmark organisation ${i}`, stamp, stamp);
    for (let i = 0; i < members; i++) {
      const userId = `bench-user-${i}`;
      insertUser.run(userId, `${userId}@example.org`, `Benchmark person ${i}`, `bench-org-${i % organisations}`, stamp, stamp, stamp);
      const session = newSessionToken();
      insertSession.run(session.id, userId, expiresAt, stamp);
      cookies.push(`whatson_session=${session.token}`);
    }
  })();
  db.close();
  return cookies;
}

/**
 * `count` verified representatives of one accredited organisation, all with
 * the password whose argon2id hash is given; returns their email addresses.
 */
export function seedSignInAccounts(file, { count, passwordHash }) {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  const stamp = new Date().toISOString();
  const emails = [];
  db.transaction(() => {
    db.prepare(`insert into organisations
      (id, name, acronym, type, country, website, description, ecosoc_status, topics, accreditation, accreditation_reason, accreditation_decided_by, accreditation_decided_at, listed, created_at, updated_at)
      values ('bench-sign-in-org', 'Benchmark sign-in organisation', null, 'ngo', 'AT', null, 'Benchmark organisation', 'none', '["firearms"]', 'accredited', null, null, null, 0, ?, ?)`).run(stamp, stamp);
    const insertUser = db.prepare(`insert into users
      (id, email, name, job_title, organisation_id, role, password_hash, email_verified_at, created_at, updated_at)
      values (?, ?, ?, null, 'bench-sign-in-org', 'representative', ?, ?, ?, ?)`);
    for (let i = 0; i < count; i++) {
      const email = `bench-sign-in-${i}@example.org`;
      insertUser.run(`bench-sign-in-${i}`, email, `Benchmark reader ${i}`, passwordHash, stamp, stamp, stamp);
      emails.push(email);
    }
  })();
  db.close();
  return emails;
}
