-- Modelled on sqlite's speedtest1: bulk inserts, indexed and unindexed
-- lookups, updates, deletes, a join and an aggregate, on a file database.
PRAGMA journal_mode = DELETE;
CREATE TABLE t1(a INTEGER PRIMARY KEY, b INTEGER, c TEXT);
CREATE TABLE t2(a INTEGER, b INTEGER, c TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO t1 SELECT i, (i * 7919) % 20000, printf('row %d of the bench', i) FROM n;
BEGIN;
INSERT INTO t2 SELECT a, b, c FROM t1 WHERE a % 2 = 0;
COMMIT;
CREATE INDEX t2b ON t2(b);
SELECT count(*), sum(b) FROM t1 WHERE b BETWEEN 1000 AND 5000;
SELECT count(*) FROM t2 WHERE b = 4242;
SELECT count(*) FROM t1 JOIN t2 ON t1.a = t2.a WHERE t1.b < 10000;
BEGIN;
UPDATE t1 SET c = upper(c) WHERE a % 3 = 0;
DELETE FROM t2 WHERE b > 15000;
COMMIT;
SELECT count(*) FROM t2;
SELECT count(*) FROM t1 WHERE c LIKE 'ROW%';
VACUUM;
PRAGMA integrity_check;
