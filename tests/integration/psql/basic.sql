-- psql against Zijin: create, insert, select, errors with LINE and caret, \x and \timing.
CREATE TABLE fruit (id integer PRIMARY KEY, name text NOT NULL, price numeric(6,2), picked date);
INSERT INTO fruit VALUES (1, 'apple', 1.20, '2024-09-01'), (2, 'pear', 0.85, NULL), (3, 'fig', 12.00, '2024-08-15');
SELECT * FROM fruit ORDER BY id;
SELECT name, price * 2 AS double_price FROM fruit WHERE price > 1 ORDER BY name;
SELECT count(*), sum(price), max(name) FROM fruit;
SELECT * FROM fruits;
SELECT id, colour FROM fruit;
SELECT 1 +;
INSERT INTO fruit VALUES (1, 'again', 0, NULL);
INSERT INTO fruit (id, name) VALUES (4, NULL);
\x
SELECT * FROM fruit WHERE id = 1;
\x
\timing on
SELECT name FROM fruit WHERE id = 2;
\timing off
BEGIN;
UPDATE fruit SET price = price + 1 WHERE id = 2 RETURNING id, price;
SELECT 1/0;
SELECT 1;
ROLLBACK;
SELECT id, price FROM fruit WHERE id = 2;
DROP TABLE fruit;
