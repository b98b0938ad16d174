// node_pg_check: node-postgres (Debian's node-pg, its pure-JavaScript client) against a server:
// parameters of every common type, the driver's default type parsers, binary results, named
// prepared statements, transactions, errors with their SQLSTATEs, a pool, a cursor and
// multi-statement queries. Passes against PostgreSQL 15 as against Zijin.
//
// usage: node node_pg_check.js PORT [HOST]
// (NODE_PATH must reach Debian's /usr/share/nodejs, where node-pg installs `pg`.)
'use strict';
process.env.TZ = 'America/New_York';

const assert = require('assert');
const pg = require('pg');
const Cursor = require('pg-cursor');

const config = {
  host: process.argv[3] || '127.0.0.1',
  port: Number(process.argv[2]),
  user: 'postgres',
  database: 'postgres',
};

let passed = 0;
let failed = 0;

function eq(got, want, what) {
  try {
    assert.deepStrictEqual(got, want);
    ++passed;
  } catch (e) {
    ++failed;
    console.log(`FAIL ${what}: got ${show(got)}, want ${show(want)}`);
  }
}

function show(v) {
  if (Buffer.isBuffer(v)) return `Buffer<${v.toString('hex')}>`;
  if (v instanceof Date) return `Date<${v.toISOString()}>`;
  return JSON.stringify(v);
}

// Runs `fn`, which must throw a database error with SQLSTATE `code`.
async function fails(fn, code, what) {
  try {
    await fn();
    eq('success', code, what);
  } catch (e) {
    eq(e.code, code, what);
  }
}

async function checkTypes(c) {
  await c.query('DROP TABLE IF EXISTS nt');
  await c.query(`CREATE TABLE nt (id integer PRIMARY KEY, b boolean, i2 smallint, i8 bigint,
      f4 real, f8 double precision, n numeric(12,3), t text, vc varchar(10), by bytea, d date,
      tm time, ts timestamp, tz timestamptz, iv interval, ia integer[], ta text[], u uuid)`);
  const row = [
    1, true, -32768, '9223372036854775807', 1.5, -0.1, '-12345.678', "héllo ✓ it's \"q\"",
    'v1', Buffer.from([0, 255, 92, 39]), '2024-02-29', '12:34:56.789',
    '2024-02-29 12:34:56.123456', new Date('2024-07-01T10:00:00.5Z'),
    '1 year 2 mons 3 days 04:05:06.789', [1, null, -3], ['a,b', 'q"uote', null, '', 'back\\slash'],
    'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
  ];
  const res = await c.query(
      'INSERT INTO nt VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,' +
      ' $16, $17, $18) RETURNING id', row);
  eq(res.rowCount, 1, 'insert row count');
  eq(res.command, 'INSERT', 'insert command');
  eq(res.rows, [{id: 1}], 'RETURNING');
  await c.query('INSERT INTO nt (id) VALUES ($1)', [2]);

  // The default type parsers (text results).
  const r = (await c.query('SELECT * FROM nt ORDER BY id')).rows;
  const v = r[0];
  eq(v.b, true, 'boolean');
  eq(v.i2, -32768, 'smallint');
  eq(v.i8, '9223372036854775807', 'bigint (a string)');
  eq(v.f4, 1.5, 'real');
  eq(v.f8, -0.1, 'double precision');
  eq(v.n, '-12345.678', 'numeric (a string)');
  eq(v.t, "héllo ✓ it's \"q\"", 'text');
  eq(v.vc, 'v1', 'varchar');
  eq(v.by, Buffer.from([0, 255, 92, 39]), 'bytea');
  eq(v.d, pg.types.getTypeParser(1082)('2024-02-29'), 'date');
  eq(v.tm, '12:34:56.789', 'time (a string)');
  eq(v.ts, pg.types.getTypeParser(1114)('2024-02-29 12:34:56.123456'), 'timestamp');
  eq(v.tz, new Date('2024-07-01T10:00:00.5Z'), 'timestamptz');
  eq({...v.iv}, {years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6,
                 milliseconds: 789}, 'interval');
  eq(v.ia, [1, null, -3], 'integer[]');
  eq(v.ta, ['a,b', 'q"uote', null, '', 'back\\slash'], 'text[]');
  eq(v.u, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'uuid (a string)');
  eq(Object.values(r[1]).filter((x) => x !== null), [2], 'a row of NULLs');

  // Server-side text of what the parameters stored.
  const text = (await c.query(`SELECT b::text, i8::text, f4::text, n::text, by::text, d::text,
      ts::text, tz::text, iv::text, ia::text, ta::text FROM nt WHERE id = 1`,
  )).rows[0];
  eq(Object.values(text), [
    'true', '9223372036854775807', '1.5', '-12345.678', '\\x00ff5c27', '2024-02-29',
    '2024-02-29 12:34:56.123456', '2024-07-01 06:00:00.5-04', '1 year 2 mons 3 days 04:05:06.789',
    '{1,NULL,-3}', '{"a,b","q\\"uote",NULL,"","back\\\\slash"}',
  ], 'stored values as the server prints them');

  // Parameters compared on the server, and a binary (Buffer) parameter.
  const found = await c.query(
      'SELECT id FROM nt WHERE i8 = $1 AND n = $2 AND by = $3 AND tz = $4 AND ia = $5 AND d = $6',
      ['9223372036854775807', -12345.678, Buffer.from('00ff5c27', 'hex'),
        '2024-07-01 12:00:00.5+02', [1, null, -3], '2024-02-29']);
  eq(found.rows, [{id: 1}], 'rows matching typed parameters');

  // Field metadata.
  const fields = (await c.query('SELECT id, n, vc, ia FROM nt WHERE false')).fields;
  eq(fields.map((f) => [f.name, f.dataTypeID, f.dataTypeModifier]),
      [['id', 23, -1], ['n', 1700, 786439], ['vc', 1043, 14], ['ia', 1007, -1]],
      'field names, type OIDs and modifiers');
  eq(fields[0].tableID > 0 && fields[0].columnID === 1, true, 'field table OID and column');
}

async function checkBinaryResults(c) {
  // node-pg asks for binary results with `binary: true` and parses what pg-types knows.
  const r = await c.query({
    // (node-pg 8.8 mis-frames the parameters of a binary query, so it has none.)
    text: `SELECT b, i2, i8, f4, f8, t, by, tz, ia, 7 AS p FROM nt WHERE id = 1`,
    binary: true,
  });
  const v = r.rows[0];
  eq(v.b, true, 'binary boolean');
  eq(v.i2, -32768, 'binary smallint');
  eq(String(v.i8), '9223372036854775807', 'binary bigint');
  eq(v.f4, 1.5, 'binary real');
  eq(v.f8, -0.1, 'binary double precision');
  eq(v.t, "héllo ✓ it's \"q\"", 'binary text');
  eq(v.by, Buffer.from([0, 255, 92, 39]), 'binary bytea');
  eq(v.tz, new Date('2024-07-01T10:00:00.5Z'), 'binary timestamptz');
  eq(v.ia, [1, null, -3], 'binary integer[]');
  eq(v.p, 7, 'binary int4');
}

async function checkPrepared(c) {
  const insert = {name: 'nt_insert', text: 'INSERT INTO nt (id, n, t) VALUES ($1, $2, $3)'};
  for (let i = 10; i < 60; ++i) {
    await c.query({...insert, values: [i, (i / 8).toFixed(3), 'row ' + i]});
  }
  const sum = {
    name: 'nt_sum',
    text: 'SELECT count(*)::int AS n, sum(n) AS s FROM nt WHERE id >= $1',
  };
  eq((await c.query({...sum, values: [10]})).rows, [{n: 50, s: '215.625'}], 'named statement');
  eq((await c.query({...sum, values: [50]})).rows, [{n: 10, s: '68.125'}], 'named statement again');
  const arr = await c.query({text: 'SELECT id, t FROM nt WHERE id IN (10, 11) ORDER BY id',
    rowMode: 'array'});
  eq(arr.rows, [[10, 'row 10'], [11, 'row 11']], 'rowMode array');
  await fails(() => c.query({name: 'nt_bad', text: 'SELECT * FROM no_such_table'}), '42P01',
      'prepared statement on a missing table');
  await fails(() => c.query('SELECT $1::int', ['x']), '22P02', 'a bad integer parameter');
  eq((await c.query('SELECT 1 AS one')).rows, [{one: 1}], 'usable after errors');
}

async function checkTransactions(c) {
  await c.query('CREATE TABLE nx (id integer PRIMARY KEY, v text)');
  await c.query('BEGIN');
  await c.query('INSERT INTO nx VALUES ($1, $2)', [1, 'rolled back']);
  await c.query('ROLLBACK');
  await c.query('BEGIN');
  await c.query('INSERT INTO nx VALUES ($1, $2)', [2, 'kept']);
  await c.query('SAVEPOINT s');
  await fails(() => c.query('INSERT INTO nx VALUES ($1, $2)', [2, 'duplicate']), '23505',
      'duplicate key');
  await fails(() => c.query('SELECT 1'), '25P02', 'statement in a failed transaction');
  await c.query('ROLLBACK TO SAVEPOINT s');
  await c.query('INSERT INTO nx VALUES ($1, $2)', [3, 'also kept']);
  await c.query('COMMIT');
  eq((await c.query('SELECT id FROM nx ORDER BY id')).rows, [{id: 2}, {id: 3}],
      'committed rows');
  // Several statements in one query string: one result each, one implicit transaction.
  const multi =
      await c.query('INSERT INTO nx VALUES (4, \'m\'); SELECT count(*)::int AS n FROM nx');
  eq(multi.map((m) => m.command), ['INSERT', 'SELECT'], 'multi-statement commands');
  eq(multi[1].rows, [{n: 3}], 'multi-statement result');
  await fails(() => c.query('INSERT INTO nx VALUES (5, \'gone\'); SELECT 1/0'), '22012',
      'division by zero in a multi-statement query');
  eq((await c.query('SELECT count(*)::int AS n FROM nx')).rows, [{n: 3}],
      'a failed multi-statement query changed nothing');
}

async function checkCursor(c) {
  await c.query('BEGIN');
  const cursor = c.query(new Cursor(
      'SELECT i, repeat($2, i) AS s FROM generate_series(1, $1) AS g(i) ORDER BY i', [100, 'x']));
  const read = (n) => new Promise((resolve, reject) =>
    cursor.read(n, (err, rows) => (err ? reject(err) : resolve(rows))));
  let total = 0;
  let batches = 0;
  for (;;) {
    const rows = await read(7);
    if (rows.length === 0) break;
    ++batches;
    for (const row of rows) {
      if (row.s.length !== row.i) eq(row, 'repeat', 'cursor row');
      total += row.i;
    }
  }
  await new Promise((resolve) => cursor.close(resolve));
  await c.query('COMMIT');
  eq([total, batches], [5050, 15], 'a cursor read 7 rows at a time');
}

async function checkPool() {
  const pool = new pg.Pool({...config, max: 4});
  const results = await Promise.all(Array.from({length: 20}, (_, i) =>
    pool.query('SELECT $1::int * 2 AS v, pg_backend_pid() AS pid', [i])));
  eq(results.map((r) => r.rows[0].v), Array.from({length: 20}, (_, i) => i * 2), 'pool queries');
  eq(new Set(results.map((r) => r.rows[0].pid)).size <= 4, true, 'pool size');
  await pool.end();
}

async function main() {
  const c = new pg.Client(config);
  await c.connect();
  await c.query("SET TimeZone = 'America/New_York'");
  try {
    await checkTypes(c);
    await checkBinaryResults(c);
    await checkPrepared(c);
    await checkTransactions(c);
    await checkCursor(c);
    await checkPool();
    await c.query('DROP TABLE nt');
    await c.query('DROP TABLE nx');
  } finally {
    await c.end();
  }
  console.log(`node-pg: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then((rc) => process.exit(rc), (e) => {
  console.log('FAIL unexpected error:', e);
  process.exit(1);
});
