-- fact: cmdb.instance_collation
-- server: sqlserver
-- documented: SERVERPROPERTY('Collation') returns the name of the default collation of the
--   server (Microsoft Learn, "SERVERPROPERTY (Transact-SQL)"); tempdb is re-created with it
--   at every start of the instance.
-- why SQL Server only: PostgreSQL has no SERVERPROPERTY; the lab skips this probe.
SELECT CONVERT(nvarchar(128), SERVERPROPERTY('Collation')) AS collation_name
