-- COPY through psql: \copy and COPY ... FROM STDIN / TO STDOUT, text and CSV, with the end
-- marker, quoting, NULLs and a bad row (which leaves nothing behind).
CREATE TABLE items (id integer PRIMARY KEY, label text, price numeric(10,2), added date);
\copy items from stdin with (format csv)
1,plain,3.14,2024-01-01
2,"with, comma",,2024-02-02
3,"with ""quotes""",0.50,2024-03-03
\.
COPY items FROM STDIN;
4	tab\tand\\backslash	7.25	2024-04-04
5	\N	\N	\N
\.
COPY items TO STDOUT WITH (FORMAT csv, HEADER);
COPY items TO STDOUT;
COPY (SELECT id, label FROM items WHERE id > 3 ORDER BY id) TO STDOUT WITH CSV;
COPY items FROM STDIN WITH (FORMAT csv);
6,good,1,2024-06-06
7,bad,not a number,2024-07-07
\.
SELECT count(*) FROM items;
COPY items (id, label) FROM STDIN WITH (FORMAT csv, DELIMITER ';');
8;semi
\.
SELECT id, label, price FROM items ORDER BY id;
COPY items FROM STDIN WITH (FORMAT csv);
9,short
\.
COPY items FROM STDIN WITH (FORMAT csv);
9,long,1,2024-01-01,extra
\.
COPY items FROM STDIN WITH (FORMAT csv);
9,fine,1,2024-01-01
1,duplicate,1,2024-01-01
\.
COPY items (id, label) FROM STDIN WITH (FORMAT csv);
10,"unterminated
\.
SELECT count(*) FROM items;
