-- Result shapes psql must render as PostgreSQL sends them: no columns, no rows, empty strings.
CREATE TABLE e (a integer, b text);
INSERT INTO e VALUES (1, ''), (2, NULL);
SELECT FROM e;
SELECT;
SELECT * FROM e WHERE false;
SELECT b, b IS NULL AS is_null FROM e ORDER BY a;
\pset null '(null)'
SELECT b FROM e ORDER BY a;
