// Independent read-back of a kinlink matches file with DuckDB: the schema,
// the row count against the count kinlink recorded in the file's metadata
// (and, if given, on the command line), ranks 1..k per query, and the
// documented sort order. Usage: node readback.mjs FILE.parquet [ROWS]
import { DuckDBInstance } from '@duckdb/node-api';

const [file, expectedArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node readback.mjs FILE.parquet [ROWS]');
  process.exit(2);
}
const failures = [];
const check = (ok, msg) => { if (!ok) failures.push(msg); };

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS();
const lit = file.replaceAll("'", "''");

const want = {
  query_id: 'VARCHAR', candidate_id: 'VARCHAR', rank: 'INTEGER',
  match_probability: 'DOUBLE', match_weight: 'DOUBLE', jw_family: 'DOUBLE',
  jw_given: 'DOUBLE', name_order: 'VARCHAR', birth_year_diff: 'INTEGER',
  query_name: 'VARCHAR', candidate_name: 'VARCHAR', explanation: 'VARCHAR',
};
const schema = await rows(`DESCRIBE SELECT * FROM read_parquet('${lit}')`);
const got = Object.fromEntries(schema.map((r) => [r.column_name, r.column_type]));
for (const [name, type] of Object.entries(want)) {
  check(got[name] === type, `column ${name}: got ${got[name]}, want ${type}`);
}

const [{ n }] = await rows(`SELECT count(*)::INTEGER AS n FROM read_parquet('${lit}')`);
const meta = await rows(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${lit}')`);
const kv = Object.fromEntries(meta.map((r) => [r.key, r.value]));
check(kv['kinlink.version'], 'metadata kinlink.version missing');
check(kv['kinlink.config'], 'metadata kinlink.config missing');
const counts = JSON.parse(kv['kinlink.rows'] ?? '{}');
check(counts.candidates_written === n, `row count ${n} but kinlink.rows says ${counts.candidates_written}`);
if (expectedArg !== undefined) check(n === Number(expectedArg), `row count ${n}, expected ${expectedArg}`);
check(n > 0, 'no rows');

const bad = await rows(`
  SELECT query_id, min(rank) AS lo, max(rank) AS hi, count(*) AS c, count(DISTINCT rank) AS d
  FROM read_parquet('${lit}') GROUP BY query_id
  HAVING min(rank) <> 1 OR max(rank) <> count(*) OR count(DISTINCT rank) <> count(*)`);
check(bad.length === 0, `ranks are not 1..k for ${bad.length} queries, e.g. ${JSON.stringify(bad[0])}`);

const [r] = await rows(`
  SELECT count(*) FILTER (WHERE match_probability < 0 OR match_probability > 1 OR match_probability IS NULL)::INTEGER AS p,
         count(*) FILTER (WHERE name_order NOT IN ('direct', 'swapped'))::INTEGER AS o
  FROM read_parquet('${lit}')`);
check(r.p === 0, `${r.p} rows with match_probability outside 0..1`);
check(r.o === 0, `${r.o} rows with a name_order other than direct/swapped`);

// File order must be query_id, then rank.
const order = await rows(`SELECT query_id, rank FROM read_parquet('${lit}')`);
for (let i = 1; i < order.length; i++) {
  const a = order[i - 1], b = order[i];
  if (a.query_id > b.query_id || (a.query_id === b.query_id && b.rank !== a.rank + 1)) {
    failures.push(`rows ${i - 1} and ${i} out of order: ${a.query_id}/${a.rank} then ${b.query_id}/${b.rank}`);
    break;
  }
}

if (failures.length) {
  console.error(`readback of ${file} FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`readback of ${file}: DuckDB agrees (${n} rows, ${Object.keys(want).length} columns, ranks 1..k, sorted)`);
