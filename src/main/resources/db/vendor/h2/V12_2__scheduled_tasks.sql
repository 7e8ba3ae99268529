-- db-scheduler's own table in H2 types (see the PostgreSQL version). Clinic-less: it holds the app's jobs.
create table scheduled_tasks (
    task_name             varchar(100) not null,
    task_instance         varchar(100) not null,
    task_data             bytea,
    execution_time        timestamp with time zone not null,
    picked                boolean not null,
    picked_by             varchar(50),
    last_success          timestamp with time zone,
    last_failure          timestamp with time zone,
    consecutive_failures  integer,
    last_heartbeat        timestamp with time zone,
    version               bigint not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
