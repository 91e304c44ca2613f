-- Tables, an index, a transaction, joins and aggregates: written to /data/test.db.
CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE book (id INTEGER PRIMARY KEY, author INTEGER REFERENCES author(id),
                   title TEXT, year INTEGER, pages INTEGER);
CREATE INDEX book_year ON book(year);
BEGIN;
INSERT INTO author(name) VALUES ('Knuth'), ('Kernighan'), ('Tanenbaum'), ('Stevens');
INSERT INTO book(author, title, year, pages) VALUES
  (1, 'The Art of Computer Programming', 1968, 672),
  (2, 'The C Programming Language', 1978, 272),
  (3, 'Operating Systems: Design and Implementation', 1987, 719),
  (4, 'Advanced Programming in the UNIX Environment', 1992, 744),
  (4, 'TCP/IP Illustrated', 1994, 576),
  (1, 'Concrete Mathematics', 1989, 625);
COMMIT;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000)
INSERT INTO book(author, title, year, pages)
  SELECT 1 + x % 4, 'generated ' || x, 1950 + x % 70, x % 900 FROM n;
SELECT a.name, count(*), sum(b.pages) FROM author a JOIN book b ON b.author = a.id
  GROUP BY a.name ORDER BY a.name;
SELECT title FROM book WHERE year BETWEEN 1970 AND 1990 AND title NOT LIKE 'generated%'
  ORDER BY year;
SELECT printf('%.2f', avg(pages)), max(year), min(year) FROM book;
PRAGMA integrity_check;
