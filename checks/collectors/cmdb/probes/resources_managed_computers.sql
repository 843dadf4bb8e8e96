-- fact: resources.managed_computers
-- server: any
-- scan: yes
-- source: dbo.vComputerResource (Guid, IsManaged)
--   at: ludovicferre/pingcomputers, pingcomputers.cs lines 14 and 23 (commit 106c795),
--     https://github.com/ludovicferre/pingcomputers/blob/106c795/pingcomputers.cs
--   line: "FROM [vComputerResource] c ... WHERE c.IsManaged = 1"
-- KB 180417 says IsManaged "will remain set" on retired computers; whether vComputerResource
--   leaves them out is not documented.
SELECT COUNT(*) AS managed_computers
  FROM dbo.vComputerResource AS c
 WHERE c.IsManaged = 1
