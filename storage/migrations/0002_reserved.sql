-- Placeholder kept on branch i12b only: number 0002 belongs to i15a (site id
-- merge). Migrations must be numbered without gaps, so this no-op lets 0003
-- run here. On merge, DELETE this file and keep i15a's 0002.
SELECT 1;
