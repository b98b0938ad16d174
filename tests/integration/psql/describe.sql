-- psql's describe commands read the catalog through pg_catalog views and functions, as against
-- PostgreSQL: \d and its relatives for tables, indexes, views, sequences, schemas, roles,
-- databases and functions.
CREATE SCHEMA dsc_s;
CREATE TABLE dsc_dept (id integer PRIMARY KEY, name varchar(40) NOT NULL UNIQUE, budget numeric(12,2) DEFAULT 0);
CREATE TABLE dsc_emp (
  id serial PRIMARY KEY,
  dept integer REFERENCES dsc_dept ON DELETE CASCADE,
  email text,
  salary bigint CHECK (salary > 0),
  hired date DEFAULT current_date,
  code char(3) DEFAULT 'abc'
);
CREATE INDEX dsc_emp_email ON dsc_emp (email);
CREATE UNIQUE INDEX dsc_emp_dept_email ON dsc_emp (dept, email DESC);
CREATE VIEW dsc_rich AS SELECT id, email FROM dsc_emp WHERE salary > 1000;
CREATE SEQUENCE dsc_seq AS integer START 10 INCREMENT 5;
CREATE TABLE dsc_s.inner_t (a smallint NOT NULL, "Mixed Case" text);
CREATE SCHEMA "Dsc S";
CREATE TABLE "Dsc S"."T 1" (id serial PRIMARY KEY, "Val" text UNIQUE);
CREATE INDEX "Idx Val" ON "Dsc S"."T 1" ("Val" DESC);
CREATE TABLE dsc_defs (a int DEFAULT -1, b numeric(12,2) DEFAULT '5', c numeric DEFAULT -1.5,
  d float8 DEFAULT 2.5, e bool DEFAULT 'true', f interval DEFAULT '1 day',
  g timestamp DEFAULT '2024-01-02', h text DEFAULT 'it''s', i bigint DEFAULT 9999999999,
  j real DEFAULT -0.5, k varchar(10) DEFAULT 'x', l timestamptz DEFAULT now());
\d dsc_*
\dt dsc_*
\di dsc_*
\dv dsc_*
\ds dsc_*
\dn dsc_*
\d dsc_emp
\d dsc_dept
\d+ dsc_dept
\d dsc_rich
\d dsc_seq
\d dsc_emp_id_seq
\d dsc_emp_dept_email
\d dsc_dept_pkey
\d dsc_s.inner_t
\d dsc_defs
\dt dsc_s.*
\d "Dsc S"."T 1"
\di "Dsc S".*
\d dsc_nosuch
\du postgres
\l postgres
\df pg_get_indexdef
\df array_append
\dfn array_append
\db
\dO
\dd dsc_*
SELECT pg_get_serial_sequence('dsc_emp', 'id'), pg_get_serial_sequence('dsc_emp', 'email');
SELECT 'dsc_emp'::regclass, 'dsc_s.inner_t'::regclass, 'dsc_emp_email'::regclass::oid > 0 AS has_oid;
DROP VIEW dsc_rich;
DROP TABLE dsc_emp;
DROP TABLE dsc_dept;
DROP SEQUENCE dsc_seq;
DROP TABLE dsc_s.inner_t;
DROP TABLE dsc_defs;
DROP SCHEMA dsc_s;
DROP TABLE "Dsc S"."T 1";
DROP SCHEMA "Dsc S";
\d dsc_*
