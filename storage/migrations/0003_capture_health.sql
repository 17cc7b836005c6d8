-- Capture health: what the extension saw per local day and site (sends,
-- answers, timeouts, selector misses, network-only sends). The extension sends
-- deltas in batches; a batch id is applied once (capture_health_batches), so a
-- retried batch adds nothing. Times are unix milliseconds in UTC; NULL means
-- "never seen".
CREATE TABLE capture_health (
	day            TEXT    NOT NULL CHECK (length(day) = 10), -- YYYY-MM-DD, the browser's local day
	site           TEXT    NOT NULL,                          -- a site id, or generic:<hostname>
	sends          INTEGER NOT NULL DEFAULT 0 CHECK (sends >= 0),
	answers        INTEGER NOT NULL DEFAULT 0 CHECK (answers >= 0),
	timeouts       INTEGER NOT NULL DEFAULT 0 CHECK (timeouts >= 0),
	net_only       INTEGER NOT NULL DEFAULT 0 CHECK (net_only >= 0),
	miss_composer  INTEGER NOT NULL DEFAULT 0 CHECK (miss_composer >= 0),
	miss_send      INTEGER NOT NULL DEFAULT 0 CHECK (miss_send >= 0),
	miss_answer    INTEGER NOT NULL DEFAULT 0 CHECK (miss_answer >= 0),
	miss_stop      INTEGER NOT NULL DEFAULT 0 CHECK (miss_stop >= 0),
	last_send_ms   INTEGER,
	last_answer_ms INTEGER,
	last_miss_ms   INTEGER,
	last_miss      TEXT,    -- composer, send, answer or stop
	unanswered     INTEGER NOT NULL DEFAULT 0 CHECK (unanswered >= 0), -- closed sends in a row with no answer, as last reported
	updated_ms     INTEGER NOT NULL,
	PRIMARY KEY (day, site)
) STRICT;

CREATE TABLE capture_health_batches (
	id    TEXT    PRIMARY KEY NOT NULL,
	at_ms INTEGER NOT NULL
) STRICT;
