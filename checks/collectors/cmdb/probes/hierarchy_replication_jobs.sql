-- fact: hierarchy.replication_jobs.pending, hierarchy.replication_jobs.retry, hierarchy.replication_jobs.running
-- server: any
-- documented: the ReplicationJob table has a State column; Broadcom KB 180303 ("What
--   are the Replication States?") documents State 4 = complete, 5 = aborted,
--   6 = timed out. It does NOT document the state numbers of Pending, Retry and
--   Running jobs: the collector therefore counts all three as 0 only when every job is
--   in a documented finished state, and otherwise leaves them unknown (the site
--   file's facts: hierarchy.replication_jobs can then declare what the Current
--   Replication Activity report shows).
SELECT State AS state, COUNT(*) AS jobs
  FROM dbo.ReplicationJob
 GROUP BY State
