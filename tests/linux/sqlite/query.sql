-- Read back what an earlier run left in /data/test.db.
SELECT count(*) FROM book;
SELECT name FROM author ORDER BY id;
UPDATE book SET pages = pages + 1 WHERE year = 1978;
SELECT pages FROM book WHERE title = 'The C Programming Language';
PRAGMA integrity_check;
