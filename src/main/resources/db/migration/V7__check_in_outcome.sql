-- Persistent pain (issue 10): a patient whose pain never resolved after discharge (no 30 pain-free days,
-- Stanton 2011) is not a recurrence, so it was invisible; the analysis dataset now says whether each episode
-- recovered. What a check-in decided is kept with it: RECURRENCE, NO_RECURRENCE (pain-free, or pain below the
-- recurrence thresholds, which does not break a recovery) or NOT_RECOVERED_BEFORE_RETURN (qualifying pain
-- came back before the pain-free gap). NULL: not recorded (before this version, or a bulk load).
alter table follow_up add column outcome varchar(30);
alter table follow_up add constraint ck_follow_up_outcome
    check (outcome is null or outcome in ('RECURRENCE', 'NO_RECURRENCE', 'NOT_RECOVERED_BEFORE_RETURN'));

-- What older check-ins tell for sure; a reported return of pain without a recurrence stays unknown (below the
-- thresholds and "never recovered" were not told apart before).
update follow_up set outcome = 'NO_RECURRENCE' where status = 'COMPLETED' and pain_free = true;
update follow_up set outcome = 'RECURRENCE'
 where status = 'COMPLETED'
   and exists (select 1 from recurrence r where r.clinic_id = follow_up.clinic_id and r.follow_up_id = follow_up.id);

-- The report's aggregate gains what recovery is decided from (ReportDataset applies the clinic's pain-free gap):
--   not_recovered     1 when a check-in found the pain never resolved
--   recovery_seen_on  the latest check-in without a qualifying return of pain (recovered if >= the gap after discharge)
--   next_start        the patient's next episode of care (opened within the gap: the pain never resolved)
alter table report_episode add column not_recovered integer not null default 0;
alter table report_episode add column recovery_seen_on date;
alter table report_episode add column next_start date;

update report_episode
   set not_recovered = coalesce((select max(case when f.outcome = 'NOT_RECOVERED_BEFORE_RETURN' then 1 else 0 end)
                                   from follow_up f
                                  where f.clinic_id = report_episode.clinic_id and f.episode_id = report_episode.episode_id
                                    and f.status = 'COMPLETED'), 0),
       recovery_seen_on = (select max(case when f.pain_free or f.outcome = 'NO_RECURRENCE' then f.completed_on end)
                             from follow_up f
                            where f.clinic_id = report_episode.clinic_id and f.episode_id = report_episode.episode_id
                              and f.status = 'COMPLETED'),
       next_start = (select min(n.start_date)
                       from episode e
                       join episode n on n.clinic_id = e.clinic_id and n.patient_id = e.patient_id and n.id <> e.id
                                     and n.start_date >= e.discharge_date
                      where e.clinic_id = report_episode.clinic_id and e.id = report_episode.episode_id),
       revision = nextval('report_revision');
