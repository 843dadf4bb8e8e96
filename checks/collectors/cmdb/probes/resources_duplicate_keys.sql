-- fact: resources.duplicate_keys
-- server: any
-- scan: yes
-- source: dbo.ResourceKey (KeyName)
--   at: Broadcom KB 434276 and KB 435015 (ITMS 8.7 and later)
--   line: "select distinct keyname from ResourceKey"
-- unconfirmed: dbo.ResourceKey (KeyValue, ResourceGuid)
--   why: only KeyName is in public SQL; that each row holds the key's value and the resource it
--     identifies, under these names, is this tool's assumption.
-- a key (name and value: "name.domain", "fqdn", "uniqueid", "macaddress", KB 180774) that
--   several resources hold: the resources the Notification Server merges (KB 180297). One row;
--   "several" is MIN <> MAX, exact and cheaper than counting distinct resources per key.
SELECT COUNT(*) AS duplicate_keys
  FROM (SELECT k.KeyName AS key_name, k.KeyValue AS key_value
          FROM dbo.ResourceKey AS k
         GROUP BY k.KeyName, k.KeyValue
        HAVING MIN(k.ResourceGuid) <> MAX(k.ResourceGuid)) AS d
