-- fact: cmdb.orphaned_users
-- server: sqlserver
-- source: sys.database_principals (name, sid)
--   at: Microsoft Learn, Troubleshoot orphaned users (SQL Server),
--     https://learn.microsoft.com/en-us/sql/sql-server/failover-clusters/troubleshoot-orphaned-users-sql-server
--   line: "SELECT dp.type_desc, dp.SID, dp.name AS user_name FROM sys.database_principals AS dp
--     LEFT JOIN sys.server_principals AS sp ON dp.SID = sp.SID WHERE sp.SID IS NULL"
-- source: sys.database_principals (type)
--   at: Microsoft Learn, Troubleshoot orphaned users (SQL Server),
--     https://learn.microsoft.com/en-us/sql/sql-server/failover-clusters/troubleshoot-orphaned-users-sql-server
--   line: "SELECT name, sid, principal_id FROM sys.database_principals WHERE type = 'S' AND name
--     NOT IN ('guest', 'INFORMATION_SCHEMA', 'sys')"
-- source: sys.server_principals (sid)
--   at: Microsoft Learn, Troubleshoot orphaned users (SQL Server),
--     https://learn.microsoft.com/en-us/sql/sql-server/failover-clusters/troubleshoot-orphaned-users-sql-server
--   line: "The SQL Server logins on a server instance are visible in the sys.server_principals
--     catalog view and the sys.sql_logins compatibility view."
-- The same page: "A database user can become orphaned after a database is restored or attached
--   to a different instance of SQL Server where the login was never created." Its query filters
--   on authentication_type_desc, which SQL Server 2008 R2 (7.5's) does not have; this one keeps
--   SQL Server users and Windows users (type 'S' and 'U', as the page's SQL Database query
--   selects users by type) and leaves out the users without a login by design that the same
--   query names: guest, INFORMATION_SCHEMA and sys. One row per orphaned user of the CMDB.
-- why SQL Server only: the sys catalog views exist only there; the lab skips this probe.
SELECT dp.name AS user_name
  FROM sys.database_principals AS dp
  LEFT JOIN sys.server_principals AS sp ON dp.sid = sp.sid
 WHERE sp.sid IS NULL
   AND dp.type IN ('S', 'U')
   AND dp.name NOT IN ('guest', 'INFORMATION_SCHEMA', 'sys')
