-- fact: hierarchy.replication_jobs.pending, hierarchy.replication_jobs.retry, hierarchy.replication_jobs.running
-- server: any
-- source: dbo.ReplicationJob (State)
--   at: Broadcom KB 180303, https://knowledge.broadcom.com/external/article/180303/what-are-the-replication-states.html
--   line: "The ReplicationJob table has a State column ... State 4 - Replication Job Complete ... State 5 -
--     Job aborted ... State 6 - The Replication job has timed out"
-- the KB does NOT give the state numbers of Pending, Retry and Running jobs: the collector
--   counts all three as 0 only when every job is in a documented finished state, and otherwise
--   leaves them unknown (the site file's facts: hierarchy.replication_jobs can then declare what
--   the Current Replication Activity report shows).
SELECT j.State AS state, COUNT(*) AS jobs
  FROM dbo.ReplicationJob AS j
 GROUP BY j.State
