"""The publish pass, declared once: the steps in order with their due queries and the in-process runner (steps),
what is due across communes (due), the pass over every commune (dispatch), prefect.yaml's schedules in this
process (jobs, scheduler), or the same steps as Prefect tasks by flows/."""
