-- One site id per assistant. Up to schema 1 the extension recorded Le Chat
-- as 'mistral' while `frugal log` stored whatever name was typed ('lechat',
-- 'Le Chat', 'ChatGPT', 'openai'…), so one assistant made several lines in
-- the summary, the export and the windows. Every name that tracker/defs
-- lists for a site (its id in any case, its aliases, its host names) becomes
-- the site's id. Names of assistants Frugal has no adapter for stay as they
-- are. From schema 2 on, storage writes the id (defs.CanonicalSite).
-- TestMigration0002_CoversEveryDefsName checks this list against defs.Sites.
UPDATE requests SET
	site = CASE
		WHEN lower(trim(site)) IN ('chatgpt', 'openai', 'chatgpt.com', 'chat.openai.com') THEN 'chatgpt'
		WHEN lower(trim(site)) IN ('claude', 'anthropic', 'claude.ai') THEN 'claude'
		WHEN lower(trim(site)) IN ('gemini', 'google', 'gemini.google.com') THEN 'gemini'
		WHEN lower(trim(site)) IN ('copilot', 'microsoft copilot', 'copilot.microsoft.com') THEN 'copilot'
		WHEN lower(trim(site)) IN ('lechat', 'mistral', 'le chat', 'chat.mistral.ai') THEN 'lechat'
		WHEN lower(trim(site)) IN ('perplexity', 'www.perplexity.ai') THEN 'perplexity'
		WHEN lower(trim(site)) IN ('deepseek', 'chat.deepseek.com') THEN 'deepseek'
	END,
	updated_ms = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
WHERE lower(trim(site)) IN (
	'chatgpt', 'openai', 'chatgpt.com', 'chat.openai.com',
	'claude', 'anthropic', 'claude.ai',
	'gemini', 'google', 'gemini.google.com',
	'copilot', 'microsoft copilot', 'copilot.microsoft.com',
	'lechat', 'mistral', 'le chat', 'chat.mistral.ai',
	'perplexity', 'www.perplexity.ai',
	'deepseek', 'chat.deepseek.com'
) AND site NOT IN ('chatgpt', 'claude', 'gemini', 'copilot', 'lechat', 'perplexity', 'deepseek');
