-- fact: agents.total
-- server: any
-- scan: yes
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
-- one row per agent or plug-in and computer in basic inventory ('AeX AC Client Agent'), so rows
--   count computers; 'Altiris Agent' is the Symantec Management Agent itself. Managed computers
--   only, as resources.managed_computers counts them.
SELECT COUNT(*) AS agents
  FROM dbo.Inv_AeX_AC_Client_Agent AS a
  JOIN dbo.vComputerResource AS c ON c.Guid = a._ResourceGuid
 WHERE a."Agent Name" = 'Altiris Agent'
   AND c.IsManaged = 1
