-- fact: cmdb.last_full_backup
-- server: sqlserver
-- documented: msdb.dbo.backupset (database_name, type 'D' = full database backup,
--   backup_finish_date in the server's local time, time_zone = offset from UTC in
--   15-minute intervals, 127 = unknown, media_set_id) and msdb.dbo.backupmediafamily
--   (media_set_id, family_sequence_number, physical_device_name): Microsoft Learn,
--   "backupset (Transact-SQL)" and "backupmediafamily (Transact-SQL)". The join and
--   the newest-first order are the ones dbatools' Get-DbaDbBackupHistory -LastFull
--   uses (functions/Get-DbaBackupHistory.ps1: backupmediafamily JOIN backupset ON
--   media_set_id, type = 'D', ORDER BY backup_finish_date DESC).
-- unlike dbatools' default, copy-only backups count: a copy-only full backup taken
--   for the migration is a valid restore source and the usual advice for one.
-- one row (the newest full backup's first media family), or none when msdb has no
--   full backup of this database.
-- why SQL Server only: msdb exists only there; the lab skips this probe.
SELECT TOP 1
       b.backup_finish_date AS finished_local,
       b.time_zone AS time_zone_quarters,
       DATEDIFF(minute, GETUTCDATE(), GETDATE()) AS server_offset_minutes,
       f.physical_device_name AS destination
  FROM msdb.dbo.backupset AS b
  JOIN msdb.dbo.backupmediafamily AS f ON f.media_set_id = b.media_set_id
 WHERE b.database_name = DB_NAME()
   AND b.type = 'D'
 ORDER BY b.backup_finish_date DESC, f.family_sequence_number ASC
