-- Issue 15 (docs/style.md rule 9): a module reads another module's data through its API, never by SQL on the other
-- module's tables. The report aggregate (report_episode) is rebuilt for a whole clinic in one set-based statement
-- after an import of a million visits; carrying those rows through Java APIs would move millions of rows out of the
-- database to aggregate them. So each owning module publishes, as a view, the per-episode facts the report needs,
-- already aggregated in the owner's own terms: the view is that module's read API in SQL. Its tables stay private
-- (ModuleTablesTest: any module may read a view listed in PUBLISHED; only the owner names its tables, and a view
-- names only its owner's tables).
--
-- Plain views, no materialisation: PostgreSQL's planner expands a view into the query that reads it, pulls a simple
-- view's joins up into that query and pushes the reader's conditions (the clinic, the episode) into a grouped one,
-- so the rebuild and the one-episode refresh plan as they did when they named the tables (and on Citus a view over
-- colocated tables is expanded on the coordinator before routing). Every view is keyed by (clinic_id, episode_id):
-- a reader joins on both and filters the clinic once.
--
-- The owner's values that a view matches (statuses, instruments, outcomes) are written here as the owner stores
-- them; renaming one is a data migration of the owner's rows, which must recreate its view too. Likewise a migration
-- that alters or drops a column a view reads must drop and recreate the view (PostgreSQL refuses otherwise).

-- patients: each discharged episode with the patient facts the analysis adjusts for, and when the patient's next
-- episode of care began (a new episode within the pain-free gap means the pain never resolved).
create view patients_discharged_episode as
select e.clinic_id, e.id as episode_id, e.therapist_id, e.location_id, e.start_date, e.discharge_date,
       e.chronicity, e.prior_episodes, p.date_of_birth, p.sex,
       (select min(n.start_date) from episode n
         where n.clinic_id = e.clinic_id and n.patient_id = e.patient_id and n.id <> e.id
           and n.start_date >= e.discharge_date) as next_start
  from episode e
  join patient p on p.clinic_id = e.clinic_id and p.id = e.patient_id
 where e.discharge_date is not null;

-- visits: an episode's plan, the number of visits and, per factor, 1 when any visit addressed it (DESIGN §1: plan
-- breadth counts the factors addressed at one visit or more). Episodes without visits have no row.
create view visits_episode_plan as
select clinic_id, episode_id, count(*) as visits,
       max(case when factor_movement then 1 else 0 end) as f_movement,
       max(case when factor_mobility then 1 else 0 end) as f_mobility,
       max(case when factor_strength then 1 else 0 end) as f_strength,
       max(case when factor_recovery then 1 else 0 end) as f_recovery,
       max(case when factor_beliefs then 1 else 0 end) as f_beliefs
  from visit
 group by clinic_id, episode_id;

-- measures: an episode's baseline scores the analysis adjusts for (DESIGN §4): NPRS, ODI, FABQ physical activity
-- (the FABQ row's primary score) and the STarT Back risk category. Episodes without baseline measures have no row.
create view measures_episode_baseline as
select clinic_id, episode_id,
       max(case when instrument = 'NPRS' then score end) as nprs,
       max(case when instrument = 'ODI' then score end) as odi,
       max(case when instrument = 'FABQ' then score end) as fabq_pa,
       max(case when instrument = 'STARTBACK' then category end) as startback
  from measure
 where timepoint = 'BASELINE'
 group by clinic_id, episode_id;

-- followups: what an episode's completed check-ins tell: the scheduled day of the last one (censoring), 1 when one
-- found the pain came back before the patient recovered, and the last day one found the patient pain-free or without
-- a recurrence (recovery). Episodes without a completed check-in have no row.
create view followups_episode_check_ins as
select clinic_id, episode_id, max(due_date) as last_due,
       max(case when outcome = 'NOT_RECOVERED_BEFORE_RETURN' then 1 else 0 end) as not_recovered,
       max(case when pain_free or outcome = 'NO_RECURRENCE' then completed_on end) as recovery_seen_on
  from follow_up
 where status = 'COMPLETED'
 group by clinic_id, episode_id;

-- followups: an episode's recurrence (at most one, the first), by its onset.
create view followups_episode_recurrence as
select clinic_id, episode_id, onset_date
  from recurrence;

-- followups: every scheduled check-in with how it was answered (EMAIL through the emailed link; CALL for any other
-- completed one, calls and check-ins recorded before the channel was kept; null while unanswered) and whether the
-- patient had already come back for care by its due date (a care-seeking recurrence, DESIGN §2), for the report's
-- follow-up completeness by plan group (issue 12).
create view followups_check_in_answer as
select f.clinic_id, f.episode_id, f.due_date,
       case when f.status = 'COMPLETED' then case when f.channel = 'EMAIL' then 'EMAIL' else 'CALL' end end as answered_by,
       exists (select 1 from recurrence r
                where r.clinic_id = f.clinic_id and r.episode_id = f.episode_id
                  and r.source = 'NEW_EPISODE' and r.onset_date <= f.due_date) as care_sought_by_due
  from follow_up f;
