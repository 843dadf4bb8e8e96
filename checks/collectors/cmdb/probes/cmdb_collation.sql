-- fact: cmdb.collation
-- server: sqlserver
-- documented: DATABASEPROPERTYEX(database, 'Collation') returns the database's
--   collation name (Microsoft Learn, "DATABASEPROPERTYEX (Transact-SQL)"); DB_NAME()
--   with no argument is the database the connection uses (the CMDB).
-- why SQL Server only: PostgreSQL has neither function; the lab skips this probe.
SELECT CONVERT(nvarchar(128), DATABASEPROPERTYEX(DB_NAME(), 'Collation')) AS collation_name
