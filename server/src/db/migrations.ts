/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Never edit a shipped migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE room_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX room_updates_by_room ON room_updates (room, id);

  CREATE TABLE users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'clerk', 'counter', 'viewer')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    username TEXT NOT NULL REFERENCES users (username),
    device TEXT NOT NULL,
    address TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX sessions_by_user ON sessions (username);

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    username TEXT,
    device TEXT,
    action TEXT NOT NULL,
    subject TEXT,
    details TEXT
  );
  CREATE INDEX audit_by_subject ON audit (subject, id);
  CREATE INDEX audit_by_user ON audit (username, id);
  -- Nobody edits or deletes audit entries, not even through the database layer.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
  // 2: short-lived access tokens (own table, several may be live per session while one
  // rotates) and a rotating refresh token per session. Tokens issued before this migration
  // stay valid as access tokens until they expire, so an upgrade logs nobody out at once.
  `
  CREATE TABLE sessions_v2 (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    device TEXT NOT NULL,
    address TEXT,
    created_at INTEGER NOT NULL,
    -- End of the session: the refresh token's expiry, moved forward by every refresh.
    expires_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_reason TEXT,
    refresh_hash BLOB UNIQUE,
    -- The refresh token replaced by the latest rotation: still accepted until the new pair
    -- is used once (the reply may have been lost), reuse after that revokes the session.
    prev_refresh_hash BLOB,
    refresh_confirmed INTEGER NOT NULL DEFAULT 1 CHECK (refresh_confirmed IN (0, 1)),
    generation INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO sessions_v2 (id, username, device, address, created_at, expires_at, last_seen_at, revoked_at)
    SELECT id, username, device, address, created_at, expires_at, last_seen_at, revoked_at FROM sessions;

  CREATE TABLE access_tokens (
    token_hash BLOB PRIMARY KEY,
    session_id TEXT NOT NULL,
    generation INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO access_tokens (token_hash, session_id, generation, expires_at)
    SELECT token_hash, id, 0, expires_at FROM sessions WHERE revoked_at IS NULL;
  CREATE INDEX access_tokens_by_session ON access_tokens (session_id);
  CREATE INDEX access_tokens_by_expiry ON access_tokens (expires_at);

  DROP TABLE sessions;
  ALTER TABLE sessions_v2 RENAME TO sessions;
  CREATE INDEX sessions_by_user ON sessions (username);
  CREATE INDEX sessions_by_prev_refresh ON sessions (prev_refresh_hash);
  `,
  // 3: further subjects of an audit entry (a movement is about an item AND its locations),
  // so per-item and per-location trails both find it. Append-only like the audit itself.
  `
  CREATE TABLE audit_related (
    subject TEXT NOT NULL,
    audit_id INTEGER NOT NULL REFERENCES audit (id),
    PRIMARY KEY (subject, audit_id)
  ) WITHOUT ROWID;
  CREATE TRIGGER audit_related_no_update BEFORE UPDATE ON audit_related BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_related_no_delete BEFORE DELETE ON audit_related BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
  // 4: which device session first wrote under each Yjs clientID of each room. Structs under a
  // clientID another user's session owns are refused (nobody writes in somebody else's name).
  `
  CREATE TABLE sync_clients (
    room TEXT NOT NULL,
    client INTEGER NOT NULL,
    session TEXT NOT NULL,
    username TEXT NOT NULL,
    device TEXT NOT NULL,
    claimed_at INTEGER NOT NULL,
    PRIMARY KEY (room, client)
  ) WITHOUT ROWID;
  `,
  // 5: the technician role (maintenance): the users table is rebuilt with the new CHECK.
  `
  CREATE TABLE users_v5 (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'clerk', 'counter', 'technician', 'viewer')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  INSERT INTO users_v5 SELECT username, password_hash, role, active, created_at, updated_at FROM users;
  DROP TABLE users;
  ALTER TABLE users_v5 RENAME TO users;
  `,
];
