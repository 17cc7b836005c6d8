-- One row per AI request. Times are unix milliseconds in UTC. NULL means
-- "not seen" or "not estimated", never zero.
-- CHECKs spell out OR chains: `x IN (list)` makes SQLite build a temporary
-- b-tree on every row written, which made a million-row import 5× slower.
CREATE TABLE requests (
	id            TEXT    PRIMARY KEY NOT NULL,
	at_ms         INTEGER NOT NULL,
	source        TEXT    NOT NULL CHECK (source = 'extension' OR source = 'cli' OR source = 'tray' OR source = 'import'),
	site          TEXT    NOT NULL,
	provider      TEXT,
	model         TEXT,
	kind          TEXT    NOT NULL CHECK (kind = 'text' OR kind = 'image' OR kind = 'video' OR kind = 'audio' OR kind = 'file'),
	prompt        TEXT,
	prompt_chars  INTEGER NOT NULL CHECK (prompt_chars >= 0),
	input_tokens  INTEGER CHECK (input_tokens >= 0),
	answer_chars  INTEGER CHECK (answer_chars >= 0),
	output_tokens INTEGER CHECK (output_tokens >= 0),
	latency_ms    INTEGER CHECK (latency_ms >= 0),
	reasoning     TEXT    NOT NULL DEFAULT '',
	web_search    INTEGER NOT NULL DEFAULT 0 CHECK (web_search = 0 OR web_search = 1),
	attachments   INTEGER NOT NULL DEFAULT 0 CHECK (attachments >= 0),
	category      TEXT,
	tool          TEXT,
	outcome       TEXT    NOT NULL CHECK (outcome = 'sent' OR outcome = 'sent_anyway' OR outcome = 'followed' OR outcome = 'cancelled'),
	energy_wh_low  REAL,
	energy_wh      REAL,
	energy_wh_high REAL,
	co2_g_low      REAL,
	co2_g          REAL,
	co2_g_high     REAL,
	water_ml_low   REAL,
	water_ml       REAL,
	water_ml_high  REAL,
	method        TEXT,
	zone          TEXT,
	what_if       INTEGER CHECK (what_if = 0 OR what_if = 1),
	warnings      TEXT,   -- JSON array of strings
	updated_ms    INTEGER NOT NULL
) STRICT;

-- Week ranges and per-day aggregates scan a range of at_ms. The index covers
-- every column the aggregates read, so a week summary never touches the
-- (wide) table rows: 1M requests, one week in about 10 ms instead of 175.
CREATE INDEX requests_at ON requests (at_ms, site, category, outcome, tool,
	energy_wh_low, energy_wh, energy_wh_high, co2_g_low, co2_g, co2_g_high,
	water_ml_low, water_ml, water_ml_high);

-- The person's settings, shared by every Frugal process.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY NOT NULL,
	value TEXT NOT NULL
) STRICT;
