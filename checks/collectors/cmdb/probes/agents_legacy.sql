-- fact: agents.legacy
-- server: any
-- scan: yes
-- parameter: the Notification Server's computer name (site file cmdb.notification_server)
-- source: dbo.Inv_AeX_AC_Client_Agent (_ResourceGuid, [Agent Name])
--   at: Protirus/AgentsMonitoring, spTrendAgentVersions.sql lines 50-51 (commit 3508494),
--     https://github.com/Protirus/AgentsMonitoring/blob/3508494/spTrendAgentVersions.sql
--   line: "from Inv_AeX_AC_Client_Agent a where [Agent Name] in ('Altiris Agent', ..."
-- source: dbo.Inv_AeX_AC_Client_Agent ([Product Version])
--   at: ludovicferre/patchautomation, Constant.cs line 259,
--     https://github.com/ludovicferre/patchautomation/blob/master/Constant.cs
--   line: "dbo.fnVersionCompare(a.[Product Version], '8.0.1000') >= 0"
-- source: dbo.vComputerResource (Guid, IsManaged)
--   at: ludovicferre/pingcomputers, pingcomputers.cs lines 14 and 23 (commit 106c795),
--     https://github.com/ludovicferre/pingcomputers/blob/106c795/pingcomputers.cs
--   line: "FROM [vComputerResource] c ... WHERE c.IsManaged = 1"
-- source: dbo.fnVersionCompare()
--   at: ludovicferre/patchautomation, Constant.cs line 259,
--     https://github.com/ludovicferre/patchautomation/blob/master/Constant.cs
--   line: "dbo.fnVersionCompare(a.[Product Version], '8.0.1000') >= 0"
-- source: dbo.vComputer (Guid, Name)
--   at: AlexHedley/symantec-connect-articles, src/input/posts/Workflow - Component - Developer
--     Guide - SQL.md line 50 (commit e6a4237),
--     https://github.com/AlexHedley/symantec-connect-articles/blob/e6a4237/src/input/posts/Workflow%20-%20Component%20-%20Developer%20Guide%20-%20SQL.md
--   line: "SELECT DISTINCT vC.[Guid] ...,vC.[Name] ...,vC.[IP Address] ... FROM vComputer vC JOIN
--     Inv_AeX_AC_TCPIP TC on vC.Guid = TC._ResourceGuid WHERE Name = @ComputerName"
-- legacy = managed computers whose Symantec Management Agent is an older build than the
--   Notification Server's own agent (the build its agent upgrade policy installs), compared with
--   the CMDB's own fnVersionCompare rather than as text, once per distinct version (a scalar
--   function per computer would cost a call per row); a computer has one core agent row. The
--   server's record comes back too, so a server without one (or with two) is refused instead of
--   counting every agent as current.
SELECT COUNT(DISTINCT s."Product Version") AS server_versions,
       MAX(s."Product Version") AS server_version,
       SUM(CASE WHEN dbo.fnVersionCompare(v.product_version, s."Product Version") < 0
                THEN v.computers ELSE 0 END) AS legacy
  FROM dbo.vComputer AS n
  JOIN dbo.Inv_AeX_AC_Client_Agent AS s
    ON s._ResourceGuid = n.Guid AND s."Agent Name" = 'Altiris Agent'
  JOIN (SELECT a."Product Version" AS product_version, COUNT(*) AS computers
          FROM dbo.Inv_AeX_AC_Client_Agent AS a
          JOIN dbo.vComputerResource AS c ON c.Guid = a._ResourceGuid AND c.IsManaged = 1
         WHERE a."Agent Name" = 'Altiris Agent'
         GROUP BY a."Product Version") AS v ON 1 = 1
 WHERE UPPER(n.Name) = UPPER(?)
