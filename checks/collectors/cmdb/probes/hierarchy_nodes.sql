-- fact: hierarchy.parent, hierarchy.children
-- server: any
-- source: dbo.HierarchyNode (ParentGuid, ChildGuid)
--   at: Broadcom KB 158071 (sp_helptext of spGetServerAlertState),
--     https://knowledge.broadcom.com/external/article/158071/high-failed-objects-in-server-replicatio.html
--   line: "INNER JOIN HierarchyNode hn ON ((ha.[DestinationNS] = hn.[ParentGuid] AND ha.[SourceNS] =
--     hn.[ChildGuid]) OR (ha.[DestinationNS] = hn.[ChildGuid] AND ha.[SourceNS] = hn.[ParentGuid]))"
-- source: dbo.vThisNS
--   at: Broadcom KB 171312, https://knowledge.broadcom.com/external/article/171312/how-to-remove-a-hierarchy-node.html
--   line: "the local NS Guid (you can find out this by running 'Select * from vThisNS')"
-- unconfirmed: dbo.vThisNS (Guid)
--   why: KB 171312 says vThisNS gives the local Notification Server's GUID but prints none of its
--     columns; the column's name is this tool's assumption.
-- source: dbo.Item (Guid, Name)
--   at: Symantec TECH180093, http://www.symantec.com/business/support/index?page=content&id=TECH180093
--   line: "select Name, CreatedDate from Item i join ItemClass ic on i.Guid = ic.Guid where
--     ic.ClassGuid = '7376ab64-1fa2-4781-b3ee-e04aea19fbc3'"
-- unconfirmed: dbo.Item (Name)
--   why: that a Notification Server's GUID in HierarchyNode is an Item whose Name is the server's
--     name: hierarchy nodes are items (KB 163620) but no public source joins the two; KB 180297
--     names the ForwardServer table instead, without its columns.
-- HierarchyNode is a parent->child link table: this server's parent is the ParentGuid of the row
--   whose ChildGuid is this server, its children the ChildGuids of the rows whose ParentGuid it is.
--   vThisNS drives the query, so an empty vThisNS (nothing says which node is this server) gives
--   no row at all, which the collector refuses, instead of reading as "no hierarchy".
SELECT t.Guid AS local_guid,
       CASE WHEN h.ChildGuid = t.Guid THEN 'parent'
            WHEN h.ParentGuid = t.Guid THEN 'child' END AS relation,
       CASE WHEN h.ChildGuid = t.Guid THEN h.ParentGuid ELSE h.ChildGuid END AS node_guid,
       i.Name AS server_name
  FROM dbo.vThisNS AS t
  LEFT JOIN dbo.HierarchyNode AS h ON h.ChildGuid = t.Guid OR h.ParentGuid = t.Guid
  LEFT JOIN dbo.Item AS i
         ON i.Guid = CASE WHEN h.ChildGuid = t.Guid THEN h.ParentGuid ELSE h.ChildGuid END
