-- fact: cmdb.tables
-- server: any
-- documented: sys.tables (object_id, name, schema_id), sys.schemas (schema_id, name)
--   and sys.partitions (object_id, index_id 0 = heap / 1 = clustered index, rows):
--   Microsoft Learn, "sys.tables", "sys.schemas", "sys.partitions (Transact-SQL)".
--   Summing rows over the heap or clustered index partitions is Microsoft's documented
--   way to count a table's rows without scanning it: one round trip for every table,
--   never a COUNT(*) per table.
-- on the lab (PostgreSQL) the staged database provides these three catalog views with
--   the same columns; PostgreSQL folds unquoted names to lower case, and the collector
--   maps them back to the Altiris spelling case-insensitively.
SELECT s.name AS schema_name, t.name AS table_name, SUM(p.rows) AS row_count
  FROM sys.tables AS t
  JOIN sys.schemas AS s ON s.schema_id = t.schema_id
  JOIN sys.partitions AS p ON p.object_id = t.object_id
 WHERE p.index_id IN (0, 1)
   AND s.name = 'dbo'
 GROUP BY s.name, t.name
