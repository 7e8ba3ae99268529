-- An archived location keeps its episodes and its place in the reports, but offers no new episodes.
alter table location add column archived_at timestamp with time zone;
