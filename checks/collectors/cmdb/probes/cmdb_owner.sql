-- fact: cmdb.owner
-- server: sqlserver
-- source: sys.databases (name, owner_sid)
--   at: Microsoft Learn, sys.databases (Transact-SQL),
--     https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008/ms178534(v=sql.100)
--   line: "owner_sid | varbinary(85) | SID (Security-Identifier) of the external owner of the
--     database, as registered to the server."
-- source: SUSER_SNAME()
--   at: Microsoft Learn, SUSER_SNAME (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/t-sql/functions/suser-sname-transact-sql
--   line: "Returns the login name associated with a security identification number (SID)."
-- source: DB_NAME()
--   at: Microsoft Learn, DB_NAME (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/t-sql/functions/db-name-transact-sql
--   line: "If the call to DB_NAME omits database_id, DB_NAME returns the name of the current database."
-- the guide: "you must give the application account database ownership (dbo)" (Setting the
--   appropriate permissions to the SQL database, page 36). An owner whose SID maps to no login
--   here (a database restored from another server) reads as NULL: the fact stays unknown.
-- why SQL Server only: sys.databases and SUSER_SNAME exist only there; the lab skips this probe.
SELECT SUSER_SNAME(d.owner_sid) AS owner_name
  FROM sys.databases AS d
 WHERE d.name = DB_NAME()
