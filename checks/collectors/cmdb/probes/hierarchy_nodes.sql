-- fact: hierarchy.parent, hierarchy.children
-- server: any
-- documented: NOT CONFIRMED by the public record. Symantec documents a HierarchyNode
--   object (Altiris.NS.Replication.Hierarchy.HierarchyNode, Broadcom KB 163620) but no
--   public source lists the columns of its table. The columns below (Guid, ServerName,
--   ParentNodeGuid, IsLocal) are this tool's assumption, staged as such in the lab.
--   On a CMDB where they differ the probe fails, the facts stay unknown with the
--   database's error as the reason, and the site file's facts: hierarchy.parent and
--   hierarchy.children declare them instead (Hierarchy Management page).
SELECT n.ServerName AS server_name,
       CASE WHEN n.Guid = l.ParentNodeGuid THEN 'parent' ELSE 'child' END AS relation
  FROM dbo.HierarchyNode AS n
  JOIN dbo.HierarchyNode AS l ON l.IsLocal = 1
 WHERE n.Guid = l.ParentNodeGuid OR n.ParentNodeGuid = l.Guid
