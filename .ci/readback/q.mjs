import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const sql = process.argv[2];
const r = (await con.runAndReadAll(sql)).getRowObjectsJS();
for (const row of r) console.log(Object.values(row).map(v => typeof v === 'number' ? v.toFixed?.(3) ?? v : v).join(' | '));
