-- fact: cmdb.tables
-- server: any
-- source: sys.objects (object_id, name, schema_id, type)
--   at: Microsoft Learn, sys.objects (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/relational-databases/system-catalog-views/sys-objects-transact-sql
--   line: "V = View"
-- source: sys.schemas (schema_id, name)
--   at: Microsoft Learn, sys.schemas (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/relational-databases/system-catalog-views/schemas-catalog-views-sys-schemas
--   line: "Contains a row for each database schema."
-- source: sys.partitions (object_id, index_id, rows)
--   at: Microsoft Learn, sys.partitions (Transact-SQL),
--     https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2005/ms175012(v=sql.90)
--   line: "rows bigint Approximate number of rows in this partition"
-- tables (type U) and views (type V) of the dbo schema in one round trip: a table's rows are the
--   sum over its heap (index_id 0) or clustered index (1) partitions, Microsoft's way to count
--   without scanning; a view has no partition (unless indexed), so its count is NULL: present,
--   rows not counted (counting would scan it).
-- on the lab (PostgreSQL) the staged database provides these three catalog views with the same
--   columns; PostgreSQL folds unquoted names to lower case, and the collector maps them back to
--   the Altiris spelling case-insensitively.
SELECT o.name AS table_name, o.type AS object_type, SUM(p.rows) AS row_count
  FROM sys.objects AS o
  JOIN sys.schemas AS s ON s.schema_id = o.schema_id
  LEFT JOIN sys.partitions AS p ON p.object_id = o.object_id AND p.index_id IN (0, 1)
 WHERE s.name = 'dbo'
   AND o.type IN ('U', 'V')
 GROUP BY o.name, o.type
