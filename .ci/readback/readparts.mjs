// Independent read-back of a sharded run's parts with DuckDB: every part
// is read as one table with read_parquet(GLOB) (so their schemas must be
// identical), an empty part reads as no rows, and the rows together are
// as many as the parts' metadata says they wrote.
// Usage: node readparts.mjs 'DIR/part-*.parquet'
import { DuckDBInstance } from '@duckdb/node-api';

const [glob] = process.argv.slice(2);
if (!glob) {
  console.error("usage: node readparts.mjs 'DIR/part-*.parquet'");
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS();
const lit = glob.replaceAll("'", "''");
const failures = [];

// union_by_name is off: DuckDB then fails unless every part has the same columns.
const [{ n }] = await rows(`SELECT count(*)::INTEGER AS n FROM read_parquet('${lit}', union_by_name = false)`);
const meta = await rows(`SELECT file_name, decode(value) AS value FROM parquet_kv_metadata('${lit}') WHERE decode(key) = 'kinlink.rows'`);
let written = 0;
for (const m of meta) written += JSON.parse(m.value).candidates_written;
const files = await rows(`SELECT file AS file_name FROM glob('${lit}')`); // parquet_metadata lists no empty part
if (meta.length !== files.length) failures.push(`${files.length} parts but ${meta.length} carry kinlink.rows`);
if (n !== written) failures.push(`DuckDB reads ${n} rows, the parts say they wrote ${written}`);
const hashes = await rows(`SELECT DISTINCT decode(value) AS h FROM parquet_kv_metadata('${lit}') WHERE decode(key) = 'kinlink.stats'`);
if (hashes.length !== 1) failures.push(`the parts carry ${hashes.length} different kinlink.stats hashes, want 1`);
if (failures.length > 0) {
  console.error(`readparts: ${glob}:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`readparts: ${files.length} parts read by DuckDB as one table, ${n} rows`);
