-- COPY into tables with foreign keys: keys are checked once every row is in, so rows may
-- reference rows that come later; a row referencing nothing fails the whole COPY.
CREATE TABLE dept (id integer PRIMARY KEY, parent integer REFERENCES dept);
CREATE TABLE emp (id integer PRIMARY KEY, dept integer REFERENCES dept ON DELETE CASCADE);
COPY dept FROM STDIN;
2	1
1	\N
3	2
\.
COPY emp FROM STDIN WITH (FORMAT csv);
1,1
2,3
3,
\.
COPY emp FROM STDIN WITH (FORMAT csv);
4,2
5,42
\.
SELECT count(*) FROM emp;
DELETE FROM dept WHERE id = 2;
DELETE FROM dept WHERE id = 3;
SELECT id, dept FROM emp ORDER BY id;
