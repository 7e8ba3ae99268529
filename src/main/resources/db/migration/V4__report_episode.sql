-- The owner report's per-episode aggregate (DESIGN §7: reports run on per-episode aggregates).
-- One row per discharged episode with everything the analysis dataset needs, so a report reads
-- one row per episode instead of aggregating every visit, factor, measure and check-in on each
-- read. The reports module keeps it current inside the transactions that change an episode's
-- records (discharge, visit, measure, check-in, recurrence); bulk loads that bypass the services
-- rebuild a clinic's rows in one statement.
create sequence report_revision;

create table report_episode (
    clinic_id       bigint not null,
    episode_id      bigint not null,
    therapist_id    bigint not null,
    location_id     bigint not null,
    start_date      date not null,
    discharge_date  date not null,
    chronicity      varchar(10) not null,
    prior_episodes  integer not null,
    date_of_birth   date not null,
    sex             varchar(1) not null,
    visits          integer not null,
    f_movement      integer not null,
    f_mobility      integer not null,
    f_strength      integer not null,
    f_recovery      integer not null,
    f_beliefs       integer not null,
    nprs            numeric(6, 2),
    odi             numeric(6, 2),
    fabq_pa         numeric(6, 2),
    startback       varchar(20),
    last_due        date,
    onset_date      date,
    -- from report_revision on every write: the report's data version is max(revision) and count(*)
    revision        bigint not null,
    primary key (clinic_id, episode_id),
    constraint fk_report_episode_episode foreign key (clinic_id, episode_id) references episode (clinic_id, id)
);
create index ix_report_episode_revision on report_episode (clinic_id, revision);

-- Existing data: every discharged episode of every clinic (the same aggregation as ReportEpisodes).
insert into report_episode (clinic_id, episode_id, therapist_id, location_id, start_date, discharge_date, chronicity,
                            prior_episodes, date_of_birth, sex, visits, f_movement, f_mobility, f_strength, f_recovery,
                            f_beliefs, nprs, odi, fabq_pa, startback, last_due, onset_date, revision)
select e.clinic_id, e.id, e.therapist_id, e.location_id, e.start_date, e.discharge_date, e.chronicity, e.prior_episodes,
       p.date_of_birth, p.sex,
       coalesce(v.visits, 0), coalesce(v.f_movement, 0), coalesce(v.f_mobility, 0), coalesce(v.f_strength, 0),
       coalesce(v.f_recovery, 0), coalesce(v.f_beliefs, 0),
       m.nprs, m.odi, m.fabq_pa, m.startback, f.last_due, r.onset_date, nextval('report_revision')
  from episode e
  join patient p on p.clinic_id = e.clinic_id and p.id = e.patient_id
  left join (
        select vi.episode_id, count(distinct vi.id) as visits,
               max(case when vf.factor = 'MOVEMENT' then 1 else 0 end) as f_movement,
               max(case when vf.factor = 'MOBILITY' then 1 else 0 end) as f_mobility,
               max(case when vf.factor = 'STRENGTH' then 1 else 0 end) as f_strength,
               max(case when vf.factor = 'RECOVERY' then 1 else 0 end) as f_recovery,
               max(case when vf.factor = 'BELIEFS' then 1 else 0 end) as f_beliefs
          from visit vi
          left join visit_factor vf on vf.clinic_id = vi.clinic_id and vf.visit_id = vi.id
         group by vi.episode_id) v on v.episode_id = e.id
  left join (
        select episode_id,
               max(case when instrument = 'NPRS' then score end) as nprs,
               max(case when instrument = 'ODI' then score end) as odi,
               max(case when instrument = 'FABQ' then score end) as fabq_pa,
               max(case when instrument = 'STARTBACK' then category end) as startback
          from measure
         where timepoint = 'BASELINE'
         group by episode_id) m on m.episode_id = e.id
  left join (
        select episode_id, max(due_date) as last_due
          from follow_up
         where status = 'COMPLETED'
         group by episode_id) f on f.episode_id = e.id
  left join recurrence r on r.clinic_id = e.clinic_id and r.episode_id = e.id
 where e.discharge_date is not null;
