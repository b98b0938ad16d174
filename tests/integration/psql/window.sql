-- Window functions: ranking, running and sliding aggregates, lag/lead, frame values, named
-- windows, windows over groups, and the errors PostgreSQL gives.
create table win_emp (id int primary key, dept text, salary int, hired date);
insert into win_emp values (1,'eng',100,'2020-01-01'),(2,'eng',120,'2020-02-01'),(3,'eng',120,'2021-01-01'),(4,'ops',90,'2019-05-05'),(5,'ops',NULL,'2022-01-01'),(6,'hr',70,'2018-01-01');
select id, dept, salary, row_number() over (partition by dept order by salary desc, id) rn, rank() over (partition by dept order by salary desc) rk, dense_rank() over (partition by dept order by salary desc) dr from win_emp order by id;
select id, sum(salary) over (order by id) running, sum(salary) over () total, count(*) over (partition by dept) n from win_emp order by id;
select id, salary, avg(salary) over (order by salary rows between 1 preceding and 1 following) from win_emp order by id;
select id, lag(salary) over (order by id), lead(salary, 2, -1) over (order by id), first_value(salary) over w, last_value(salary) over w, nth_value(salary, 2) over w from win_emp window w as (order by id) order by id;
select id, percent_rank() over (order by salary), cume_dist() over (order by salary), ntile(4) over (order by id) from win_emp order by id;
select dept, sum(salary), rank() over (order by sum(salary) desc) from win_emp group by dept order by 3, 1;
select id, sum(salary) over (partition by dept order by hired rows between unbounded preceding and current row) from win_emp order by id;
select id, max(salary) over (order by id rows between current row and unbounded following) from win_emp order by id;
select id, string_agg(dept, ',') over (order by id rows 2 preceding) from win_emp order by id;
select row_number() over (order by id desc), id from win_emp;
select id, count(*) filter (where salary > 95) over (order by id) from win_emp order by id;
select id from win_emp where row_number() over () > 1;
select sum(row_number() over ()) from win_emp;
select id, abs(id) over () from win_emp;
select id, ntile(0) over () from win_emp;
select id, sum(salary) over (order by id rows between -1 preceding and current row) from win_emp;
