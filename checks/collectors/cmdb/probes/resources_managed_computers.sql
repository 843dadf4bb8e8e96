-- fact: resources.managed_computers
-- server: any
-- scan: yes
-- documented: vComputerResource (Guid, IsManaged) is the Altiris view of computer
--   resources; "WHERE c.IsManaged = 1" is how Symantec's own Connect tools select
--   managed computers (CWoC pinger, public sources: "FROM [vComputerResource] c ...
--   WHERE c.IsManaged = 1").
SELECT COUNT(*) AS managed_computers
  FROM dbo.vComputerResource
 WHERE IsManaged = 1
