-- fact: cmdb.last_full_backup
-- server: sqlserver
-- source: msdb.dbo.backupset (database_name, type, backup_finish_date, media_set_id)
--   at: Microsoft Learn, backupset (Transact-SQL),
--     https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008/ms186299(v=sql.100)
--   line: "media_set_id | int | Unique media set identification number that identifies the media
--     set containing the backup set. References backupmediaset(media_set_id)."
-- source: msdb.dbo.backupset (time_zone)
--   at: SQL Server 2000 reference of backupset, https://www.vb-net.com/Sql/Sql/Ts_sys_00_3m44.htm
--   line: "time_zone smallint NULL Difference between local time (where the backup operation is
--     taking place) and Universal Coordinated Time (U"
-- source: msdb.dbo.backupmediafamily (media_set_id, family_sequence_number, physical_device_name)
--   at: Microsoft Learn, backupmediafamily (Transact-SQL),
--     https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2005/ms190284(v=sql.90)
--   line: "physical_device_name nvarchar(260) Physical name of the backup device. Can be NULL."
-- source: DB_NAME()
--   at: Microsoft Learn, DB_NAME (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/t-sql/functions/db-name-transact-sql
--   line: "If the call to DB_NAME omits database_id, DB_NAME returns the name of the current database."
-- source: DATEDIFF()
--   at: Microsoft Learn, DATEDIFF (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql
--   line: "This function returns the count (as a signed integer value) of the specified datepart
--     boundaries crossed between the specified startdate and enddate."
-- source: GETUTCDATE()
--   at: Microsoft Learn, GETUTCDATE (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/t-sql/functions/getutcdate-transact-sql
--   line: "This value represents the current UTC time (Coordinated Universal Time)."
-- source: GETDATE()
--   at: Microsoft Learn, GETDATE (Transact-SQL),
--     https://learn.microsoft.com/en-us/sql/t-sql/functions/getdate-transact-sql
--   line: "Returns the current database system timestamp as a datetime value without the database
--     time zone offset."
-- type 'D' = full database backup and time_zone 127 = unknown are the same pages' value lists
--   (the 127 line was cut off in every copy read for the evidence notes). The join and the
--   newest-first order are those of dbatools' Get-DbaDbBackupHistory -LastFull
--   (backupmediafamily JOIN backupset ON media_set_id, type = 'D', ORDER BY backup_finish_date
--   DESC). Unlike dbatools' default, copy-only backups count: a copy-only full backup taken for
--   the migration is a valid restore source and the usual advice for one.
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
