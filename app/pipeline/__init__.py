"""The publish pass, declared once: the steps in order (steps), what is due (due), the pass over every commune
(dispatch), run in this process (runner, jobs, scheduler) or as Prefect tasks by flows/."""
