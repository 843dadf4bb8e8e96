-- fact: host.name, host.fqdn, host.ip_addresses, host.os.name
-- server: any
-- scan: yes
-- parameter: the Notification Server's computer name (site file cmdb.notification_server)
-- source: dbo.vComputer (Guid, Name, [IP Address])
--   at: AlexHedley/symantec-connect-articles, src/input/posts/Workflow - Component - Developer
--     Guide - SQL.md line 50 (commit e6a4237),
--     https://github.com/AlexHedley/symantec-connect-articles/blob/e6a4237/src/input/posts/Workflow%20-%20Component%20-%20Developer%20Guide%20-%20SQL.md
--   line: "SELECT DISTINCT vC.[Guid] ...,vC.[Name] ...,vC.[IP Address] ... FROM vComputer vC JOIN
--     Inv_AeX_AC_TCPIP TC on vC.Guid = TC._ResourceGuid WHERE Name = @ComputerName"
-- source: dbo.Inv_AeX_AC_Identification (_ResourceGuid, fqdn)
--   at: ludovicferre/pingcomputers, pingcomputers.cs lines 13 and 21 (commit 106c795),
--     https://github.com/ludovicferre/pingcomputers/blob/106c795/pingcomputers.cs
--   line: "SELECT i.fqdn, c.Guid FROM [vComputerResource] c ... LEFT JOIN Inv_AeX_AC_IDentification i
--     ON c.Guid = i._ResourceGuid"
-- source: dbo.Inv_AeX_AC_Identification ([OS Name])
--   at: Tiberriver256/PoshAltiris, PoshAltiris/Public/ReportManagement.ps1 line 25,
--     https://github.com/Tiberriver256/PoshAltiris/blob/master/PoshAltiris/Public/ReportManagement.ps1
--   line: "SELECT DISTINCT [OS Name] FROM Inv_AeX_AC_Identification"
-- the Notification Server's own inventory record: most host facts need no agent. vComputer holds
--   active computers only (KB 180417). OS version and architecture are not read here: the public
--   record confirms no column for them (the PowerShell fragment has them).
SELECT c.Name AS host_name, c."IP Address" AS ip_address,
       i.fqdn AS fqdn, i."OS Name" AS os_name
  FROM dbo.vComputer AS c
  LEFT JOIN dbo.Inv_AeX_AC_Identification AS i ON i._ResourceGuid = c.Guid
 WHERE UPPER(c.Name) = UPPER(?)
