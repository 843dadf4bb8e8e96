-- fact: resources.sites
-- server: any
-- scan: yes
-- unconfirmed: dbo.vSite (Guid, Name)
--   why: no public SQL reads a site table or view; the name is this tool's assumption.
-- unconfirmed: dbo.vSiteSubnetMap (_SiteGuid, Subnet)
--   why: no public SQL maps sites to subnets; the name and columns are this tool's assumption.
--     KB 180297 (https://knowledge.broadcom.com/external/article/180297/how-resource-merging-works-within-an-hie.html)
--     says a subnet's name is "always ... in the format of CIDR ... e.g. 172.16.65.0/18", so the
--     probe expects Subnet in that form.
-- unconfirmed: dbo.Inv_AeX_AC_TCPIP (Subnet)
--   why: only [Subnet Mask], [Host Name] and [Primary DNS Suffix] of this table are in public SQL.
-- source: dbo.Inv_AeX_AC_TCPIP (_ResourceGuid)
--   at: ludovicferre/pingcomputers, pingcomputers.cs lines 28-32 (commit 17b2ffe),
--     https://github.com/ludovicferre/pingcomputers/blob/17b2ffe/pingcomputers.cs
--   line: "from Inv_Client_Task_Resources r join Inv_AeX_AC_TCPIP i on r._ResourceGuid = i._resourceguid"
-- source: dbo.Inv_AeX_AC_TCPIP ([Subnet Mask])
--   at: AlexHedley/symantec-connect-articles, src/input/posts/Workflow - Component - Developer
--     Guide - SQL.md line 50 (commit e6a4237),
--     https://github.com/AlexHedley/symantec-connect-articles/blob/e6a4237/src/input/posts/Workflow%20-%20Component%20-%20Developer%20Guide%20-%20SQL.md
--   line: "SELECT vC.[Guid], vC.[Name], vC.[IP Address], TC.[Subnet Mask] FROM vComputer vC JOIN
--     Inv_AeX_AC_TCPIP TC ON vC.Guid = TC._ResourceGuid"
-- source: dbo.Inv_AeX_AC_Client_Agent (_ResourceGuid, [Agent Name])
--   at: Protirus/AgentsMonitoring, spTrendAgentVersions.sql lines 50-51 (commit 3508494),
--     https://github.com/Protirus/AgentsMonitoring/blob/3508494/spTrendAgentVersions.sql
--   line: "from Inv_AeX_AC_Client_Agent a where [Agent Name] in ('Altiris Agent', ..."
-- an adapter's subnet is written in CIDR, like the site's, from its subnet and mask (the prefix
--   length of each dotted mask is listed below), so the two compare as text; an agent counts once
--   per site even with several network adapters in its subnets.
SELECT s.Name AS site_name, COUNT(DISTINCT a._ResourceGuid) AS agents
  FROM dbo.vSite AS s
  LEFT JOIN dbo.vSiteSubnetMap AS m ON m._SiteGuid = s.Guid
  LEFT JOIN (SELECT n._ResourceGuid AS resource_guid, n.Subnet + '/' + k.bits AS cidr
               FROM dbo.Inv_AeX_AC_TCPIP AS n
               JOIN (VALUES ('0.0.0.0', '0'), ('128.0.0.0', '1'), ('192.0.0.0', '2'),
                      ('224.0.0.0', '3'), ('240.0.0.0', '4'), ('248.0.0.0', '5'), ('252.0.0.0', '6'),
                      ('254.0.0.0', '7'), ('255.0.0.0', '8'), ('255.128.0.0', '9'),
                      ('255.192.0.0', '10'), ('255.224.0.0', '11'), ('255.240.0.0', '12'),
                      ('255.248.0.0', '13'), ('255.252.0.0', '14'), ('255.254.0.0', '15'),
                      ('255.255.0.0', '16'), ('255.255.128.0', '17'), ('255.255.192.0', '18'),
                      ('255.255.224.0', '19'), ('255.255.240.0', '20'), ('255.255.248.0', '21'),
                      ('255.255.252.0', '22'), ('255.255.254.0', '23'), ('255.255.255.0', '24'),
                      ('255.255.255.128', '25'), ('255.255.255.192', '26'),
                      ('255.255.255.224', '27'), ('255.255.255.240', '28'),
                      ('255.255.255.248', '29'), ('255.255.255.252', '30'),
                      ('255.255.255.254', '31'), ('255.255.255.255', '32'))
                    AS k (mask, bits) ON k.mask = n."Subnet Mask") AS t
         ON t.cidr = m.Subnet
  LEFT JOIN dbo.Inv_AeX_AC_Client_Agent AS a
         ON a._ResourceGuid = t.resource_guid AND a."Agent Name" = 'Altiris Agent'
 GROUP BY s.Name
