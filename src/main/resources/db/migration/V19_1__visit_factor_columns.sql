-- Issue 13: the five factors a visit addressed (DESIGN §1) become five columns of the visit instead of up to five
-- visit_factor rows. The five are fixed by the clinical model (the old table's check constraint listed them), so a
-- column each says no less, and every visit is one row to write: an import of a million visits wrote 1.33 million
-- factor rows besides, a quarter of its commit time. Existing rows are carried over first.
alter table visit add column factor_movement boolean not null default false;
alter table visit add column factor_mobility boolean not null default false;
alter table visit add column factor_strength boolean not null default false;
alter table visit add column factor_recovery boolean not null default false;
alter table visit add column factor_beliefs boolean not null default false;

update visit
   set factor_movement = exists (select 1 from visit_factor f where f.clinic_id = visit.clinic_id and f.visit_id = visit.id and f.factor = 'MOVEMENT'),
       factor_mobility = exists (select 1 from visit_factor f where f.clinic_id = visit.clinic_id and f.visit_id = visit.id and f.factor = 'MOBILITY'),
       factor_strength = exists (select 1 from visit_factor f where f.clinic_id = visit.clinic_id and f.visit_id = visit.id and f.factor = 'STRENGTH'),
       factor_recovery = exists (select 1 from visit_factor f where f.clinic_id = visit.clinic_id and f.visit_id = visit.id and f.factor = 'RECOVERY'),
       factor_beliefs  = exists (select 1 from visit_factor f where f.clinic_id = visit.clinic_id and f.visit_id = visit.id and f.factor = 'BELIEFS')
 where exists (select 1 from visit_factor f where f.clinic_id = visit.clinic_id and f.visit_id = visit.id);

drop table visit_factor;
