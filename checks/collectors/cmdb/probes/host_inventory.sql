-- fact: host.name, host.fqdn, host.ip_addresses, host.os.name
-- server: any
-- scan: yes
-- parameter: the Notification Server's computer name (site file cmdb.notification_server)
-- documented: vComputer (Guid, Name, [IP Address]) - public SMP samples select
--   vC.[Guid], vC.[Name], vC.[IP Address] FROM vComputer; Inv_AeX_AC_Identification
--   (_ResourceGuid, [OS Name], fqdn) - the ASDK report sample "SELECT DISTINCT [OS Name]
--   FROM Inv_AeX_AC_Identification" and Symantec Connect tools selecting i.fqdn joined
--   ON c.Guid = i._ResourceGuid. OS version and architecture are not read here: the
--   public record confirms no column for them (the PowerShell fragment has them).
-- the Notification Server's own inventory record: most host facts need no agent.
SELECT c.Name AS host_name, c."IP Address" AS ip_address,
       i.fqdn AS fqdn, i."OS Name" AS os_name
  FROM dbo.vComputer AS c
  LEFT JOIN dbo.Inv_AeX_AC_Identification AS i ON i._ResourceGuid = c.Guid
 WHERE UPPER(c.Name) = UPPER(?)
