"""Loa's application layer: the services that the command line, the desk and the Prefect flows all call.

The issue "One house" moves today's services from flows/ here; new services start here. Nothing in app/
imports Prefect, cli/, desk/ or flows/.
"""
