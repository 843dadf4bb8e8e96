-- fact: resources.sites
-- server: any
-- scan: yes
-- documented: Inv_AeX_AC_TCPIP (_ResourceGuid, [Host Name], [Primary DNS Suffix],
--   [Subnet Mask]) and Inv_AeX_AC_Client_Agent (_ResourceGuid, [Agent Name] such as
--   'Altiris Agent', [Product Version]) are confirmed by public Altiris SQL (Symantec
--   Connect tools and reports). NOT CONFIRMED: the site views vSite (Guid, Name) and
--   vSiteSubnetMap (_SiteGuid, Subnet) and the [Subnet] column of Inv_AeX_AC_TCPIP;
--   they are this tool's assumption, staged as such in the lab. Where they differ the
--   probe fails, resources.sites stays unknown with the reason, and the site file's
--   facts: resources.sites declares the Site Management page's numbers instead.
-- an agent counts once per site even with several network adapters in its subnets.
SELECT s.Name AS site_name, COUNT(DISTINCT a._ResourceGuid) AS agents
  FROM dbo.vSite AS s
  LEFT JOIN dbo.vSiteSubnetMap AS m ON m._SiteGuid = s.Guid
  LEFT JOIN dbo.Inv_AeX_AC_TCPIP AS t ON t."Subnet" = m.Subnet
  LEFT JOIN dbo.Inv_AeX_AC_Client_Agent AS a
         ON a._ResourceGuid = t._ResourceGuid AND a."Agent Name" = 'Altiris Agent'
 GROUP BY s.Name
