-- 001-core: the team, team-wide settings, and the audit trail.
-- Table names are plural so that none is a PostgreSQL reserved word.

CREATE TABLE users (
	login TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	role TEXT NOT NULL
		CHECK (role IN ('admin', 'manager', 'rep', 'finance', 'marketing')),
	region TEXT,
	manager TEXT REFERENCES users (login),
	email TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX users_manager ON users (manager);

-- Only settings that differ from the built-in defaults are stored; the
-- value is the setting's JSON text, validated by crm config.
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- Every command that writes is a run; its events are the changed fields.
CREATE TABLE runs (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	login TEXT NOT NULL,
	as_login TEXT,
	command TEXT NOT NULL,
	undone_by INTEGER REFERENCES runs (id)
);

CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	run INTEGER NOT NULL REFERENCES runs (id),
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
	field TEXT,
	old TEXT,
	new TEXT
);
CREATE INDEX events_run ON events (run);
CREATE INDEX events_entity ON events (entity, entity_id, run);
